namespace KernelPrBot.Checks.Kernel;

/// <summary>The trailer tags of Documentation/process/submitting-patches.rst, spelled as the kernel spells them.</summary>
public static class SignatureTags
{
    public const string SignedOffBy = "Signed-off-by";
    public const string CoDevelopedBy = "Co-developed-by";
    public const string AssistedBy = "Assisted-by";

    /// <summary>Person-naming tags checkpatch accepts (its $signature_tags) plus the other documented ones.</summary>
    public static IReadOnlyList<string> Standard { get; } =
    [
        SignedOffBy, CoDevelopedBy, "Acked-by", "Tested-by", "Reviewed-by", "Reported-by", "Suggested-by", AssistedBy, "Cc", "To",
    ];

    /// <summary>Tags in real use that are not signatures of a person but are fine (checkpatch does not style-check them).</summary>
    public static IReadOnlyList<string> Other { get; } = ["Fixes", "Link", "Closes", "Message-ID", "Change-Id", "Bug", "BugLink"];

    public static string? StandardSpelling(string key) =>
        Standard.Concat(Other).FirstOrDefault(s => string.Equals(s, key, StringComparison.OrdinalIgnoreCase));
}

namespace KernelPrBot.Checks.Patches;

/// <summary>
/// A <c>Key: value</c> line of a commit message. <see cref="RawLine"/> keeps the exact text so that
/// rules can check spacing and case; <see cref="InTrailerBlock"/> is false for tag-like lines found in the body.
/// </summary>
public sealed record Trailer(string Key, string Value, string RawLine, int PatchLine, bool InTrailerBlock)
{
    public Person? Person => Patches.Person.TryParse(Value);

    public bool Is(string key) => string.Equals(Key, key, StringComparison.OrdinalIgnoreCase);

    public bool IsExactly(string key) => string.Equals(Key, key, StringComparison.Ordinal);
}

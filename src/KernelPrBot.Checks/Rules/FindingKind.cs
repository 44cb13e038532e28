namespace KernelPrBot.Checks.Rules;

public enum FindingKind
{
    /// <summary>On a line of a changed file (new-side line numbers).</summary>
    Code,

    /// <summary>On the commit message; the location is the line of the patch file.</summary>
    Commit,
}

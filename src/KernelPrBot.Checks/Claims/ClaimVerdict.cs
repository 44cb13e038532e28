namespace KernelPrBot.Checks.Claims;

public enum ClaimVerdict
{
    /// <summary>The analysis finds the problem on that line: posted as the rule's finding.</summary>
    Confirmed,

    /// <summary>The analysis shows the claim false (for example every path releases the lock): never posted.</summary>
    Contradicted,

    /// <summary>A kind or a place the analysis does not model: at most a marked suggestion.</summary>
    NotCheckable,

    /// <summary>Outside the diff, or about a file the patch does not change: never posted.</summary>
    OutOfDiff,
}

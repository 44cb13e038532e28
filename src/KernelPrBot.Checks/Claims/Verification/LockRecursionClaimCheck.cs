namespace KernelPrBot.Checks.Claims.Verification;

/// <summary>
/// A lock taken while it is already held. What the function's own paths show, lock-recursion has decided on the same
/// analysis (a claim it reports is confirmed as its finding before this runs); what is left is a lock held by the
/// callers, which the analysis does not follow. So never confirmed here and never contradicted.
/// </summary>
internal static class LockRecursionClaimCheck
{
    public static ClaimCheckResult Check(ClaimSite site) =>
        ClaimCheckResult.NotCheckable($"lock-recursion finds no lock held twice at line {site.Claim.Line} on the paths of {site.FunctionName}(); whether its callers hold it is not followed");
}

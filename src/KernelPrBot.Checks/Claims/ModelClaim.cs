namespace KernelPrBot.Checks.Claims;

/// <summary>
/// One problem a model reviewer says it found: where (file and new-side line), what kind (a rule id of ours, or
/// <c>other</c>), how sure it is, and why. A claim is never posted as it is: <see cref="ClaimVerifier"/> checks it first.
/// </summary>
public sealed record ModelClaim(string File, int Line, string Kind, double Confidence, string Explanation, string? Function = null);

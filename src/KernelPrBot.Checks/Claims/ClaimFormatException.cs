namespace KernelPrBot.Checks.Claims;

/// <summary>A model-answers document that is not one at all (not JSON, no list of patches): the whole input is refused.</summary>
public sealed class ClaimFormatException(string message) : Exception(message);

namespace KernelPrBot.Checks.Rules;

/// <summary>
/// A rule whose findings are compared with the base version of the file: what the base already had is not
/// reported against the patch (differential analysis, DESIGN.md §1.3.5).
/// </summary>
public interface IDifferentialRule;

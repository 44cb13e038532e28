namespace KernelPrBot.Checks.Analysis.Context;

/// <summary>A way out of a function (a return, or the closing brace) and the state of the path taking it.</summary>
public sealed record ReturnSite(int Line, string Expression, ContextState State, bool Implicit);

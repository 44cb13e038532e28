namespace KernelPrBot.Checks.Analysis.Context;

/// <summary>A way out of a function (a return, or the closing brace) and the state of the path taking it.</summary>
public sealed record ReturnSite(int Line, string Expression, ContextState State, bool Implicit)
{
    /// <summary>"the end of the function" or "'return -EINVAL'", as messages quote the way out.</summary>
    public string Describe() => Implicit ? "the end of the function" : $"'return{(Expression.Length > 0 ? " " + Expression : string.Empty)}'";
}

using KernelPrBot.Checks.Kernel;

namespace KernelPrBot.Checks.Analysis.Context;

/// <summary>
/// A function of the same file that takes a lock and returns holding it on every path (an acquire wrapper:
/// <c>foo_mutex_acquire(dev)</c> around <c>mutex_lock(&amp;dev-&gt;mutex)</c>), or drops a lock it did not take (a
/// release wrapper). The lock is named through one parameter, so a caller's argument stands in for it.
/// </summary>
/// <param name="Primitive">The kernel primitive the wrapper calls; a call of the wrapper counts as a call of it.</param>
/// <param name="Parameter">The index of the parameter the lock expression starts from.</param>
/// <param name="Prefix">What comes before the parameter in the lock expression ("&amp;" or nothing).</param>
/// <param name="Rest">What follows the parameter ("-&gt;mutex", ".lock" or nothing).</param>
/// <param name="Evidence">The primitive's call in the wrapper and its line in the file, for the messages.</param>
internal sealed record LockWrapper(string Name, LockPrimitive Primitive, int Parameter, string Prefix, string Rest, string Evidence)
{
    /// <summary>
    /// The wrapper a lock fact of the index (or of the file's own scan) describes: an acquire (T) or release (U) wrapper,
    /// or a function that takes the lock on every path (K). Null when the call it names is not a lock primitive. A
    /// global's lock has no parameter (-1): every call names the same lock.
    /// </summary>
    public static LockWrapper? FromFact(string name, Index.Summaries.LockFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        if (LockPrimitives.Find(fact.By) is not { } primitive)
        {
            return null;
        }

        var parameter = Index.Summaries.LockTemplates.Parameter(fact.Lock);
        if (parameter < 0)
        {
            return new LockWrapper(name, primitive, -1, fact.Lock, string.Empty, fact.ToString());
        }

        var marker = "{" + parameter.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}";
        var at = fact.Lock.IndexOf(marker, StringComparison.Ordinal);
        return new LockWrapper(name, primitive, parameter, fact.Lock[..at], fact.Lock[(at + marker.Length)..], fact.ToString());
    }

    /// <summary>The lock a call takes or drops, with the caller's argument put in for the parameter; null when the argument is not a plain access path.</summary>
    public string? KeyFor(string argument)
    {
        if (Parameter < 0)
        {
            return Prefix;
        }

        var arguments = new string[Parameter + 1];
        arguments[Parameter] = argument;
        return Index.Summaries.LockTemplates.Substitute($"{Prefix}{{{Parameter}}}{Rest}", arguments);
    }

    /// <summary>The variable an access path starts from: "priv" of "priv->dev.mutex".</summary>
    internal static string RootOf(string accessPath) => Index.Summaries.LockTemplates.RootOf(accessPath);

    /// <summary>An identifier followed by members: "dev", "priv->mt76", "sc.ah".</summary>
    internal static bool IsAccessPath(string text) => Index.Summaries.LockTemplates.IsAccessPath(text);
}

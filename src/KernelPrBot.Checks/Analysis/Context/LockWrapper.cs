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
    /// <summary>The lock a call takes or drops, with the caller's argument put in for the parameter; null when the argument is not a plain access path.</summary>
    public string? KeyFor(string argument)
    {
        if (IsAccessPath(argument))
        {
            return Prefix + argument + Rest;
        }

        // wrapper(&priv->dev) with "&{dev}->mutex" is &priv->dev.mutex.
        if (argument.StartsWith('&') && IsAccessPath(argument[1..]) && Rest.StartsWith("->", StringComparison.Ordinal))
        {
            return Prefix + argument[1..] + "." + Rest[2..];
        }

        return null;
    }

    /// <summary>The variable an access path starts from: "priv" of "priv->dev.mutex".</summary>
    internal static string RootOf(string accessPath)
    {
        var end = 0;
        while (end < accessPath.Length && (char.IsAsciiLetterOrDigit(accessPath[end]) || accessPath[end] == '_'))
        {
            end++;
        }

        return accessPath[..end];
    }

    /// <summary>An identifier followed by members: "dev", "priv->mt76", "sc.ah".</summary>
    internal static bool IsAccessPath(string text)
    {
        var i = 0;
        while (true)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
            {
                i++;
            }

            if (i == start || char.IsAsciiDigit(text[start]))
            {
                return false;
            }

            if (i == text.Length)
            {
                return true;
            }

            if (text[i] == '.')
            {
                i++;
            }
            else if (i + 1 < text.Length && text[i] == '-' && text[i + 1] == '>')
            {
                i += 2;
            }
            else
            {
                return false;
            }
        }
    }
}

using KernelPrBot.Checks.Source;

namespace KernelPrBot.Checks.Rules.Api.Deprecated;

/// <summary>BUG(), BUG_ON() and their family crash the kernel; deprecated.rst asks for WARN_ON_ONCE() and recovery.</summary>
internal static class BugCallCheck
{
    // Compile-time assertions and subsystem macros named *_BUG that do not crash the kernel (checkpatch's list).
    private static readonly string[] NotCrashingPrefixes = ["AA_", "BUILD_", "DCCP_", "IDA_", "KVM_", "RWLOCK_", "snd_", "SPIN_"];

    /// <summary>Reports the call named at <paramref name="i"/> when it is of the BUG family; true when it did.</summary>
    public static bool Check(FileContext context, CodeView view, IReadOnlyList<Token> code, int i, string name)
    {
        if (!name.Contains("BUG", StringComparison.Ordinal) || !IsBugFamily(name) || NotCrashingPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)))
        {
            return false;
        }

        DeprecatedCode.Report(context, view, code[i].Line, $"{name}() crashes the kernel; use WARN_ON_ONCE() and recover (return an error), or pr_warn() for a reachable condition",
            "bug:" + name + ":" + DeprecatedCode.ArgumentText(view, code, i + 1));
        return true;
    }

    /// <summary>
    /// <c>^(?:[a-zA-Z_]*_)?BUG(?:_ON)?(?:_[A-Z_]+)?$</c> in one pass. As a backtracking regex it was quadratic on
    /// names like <c>BUG_BUG_…_BUGx</c> (every BUG is tried, each rescanning the rest).
    /// </summary>
    internal static bool IsBugFamily(string name)
    {
        // BUG and what follows it are capitals and underscores, so BUG lies in the name's trailing run of them.
        var run = name.Length;
        while (run > 0 && (char.IsAsciiLetterUpper(name[run - 1]) || name[run - 1] == '_'))
        {
            run--;
        }

        for (var k = 0; k < run; k++)
        {
            if (!char.IsAsciiLetter(name[k]) && name[k] != '_')
            {
                return false;
            }
        }

        for (var p = run; p + 3 <= name.Length; p++)
        {
            var suffix = name.Length - (p + 3);
            if (string.CompareOrdinal(name, p, "BUG", 0, 3) == 0 && (p == 0 || name[p - 1] == '_') &&
                (suffix == 0 || (name[p + 3] == '_' && suffix >= 2)))
            {
                return true;
            }
        }

        return false;
    }
}

using KernelPrBot.Checks.Analysis.Context;
using KernelPrBot.Checks.Index.Summaries;
using KernelPrBot.Checks.Kernel;
using KernelPrBot.Checks.Source;

namespace KernelPrBot.Checks.Claims.Verification;

/// <summary>
/// A field read or written without the lock that guards it, where no callee states the requirement: the guard is
/// inferred from the file (as lockset checkers do). Each access of a field named on the claimed line (<c>x-&gt;f</c>,
/// <c>x.f</c>, a list head given to a walker) elsewhere in the file's functions is paired with the locks every path
/// holds there (by field name: <c>&amp;sched-&gt;kss_lock</c> is <c>kss_lock</c>). When one lock guards at least three
/// other accesses and two thirds of them, a path that reaches the claimed line without it is confirmed; every path
/// holding it contradicts the claim.
/// </summary>
internal static class LocksetClaimCheck
{
    private const int MinGuarded = 3;

    public static ClaimCheckResult? Check(ClaimSite site)
    {
        var source = site.View.Text;
        var tokens = site.View.CodeTokens;
        var here = StatesAt(site.Function, site.ViewLine);
        if (here.Count == 0)
        {
            return null;
        }

        foreach (var field in FieldsOn(tokens, source, site.ViewLine))
        {
            var guards = new Dictionary<string, int>(StringComparer.Ordinal);
            var accesses = 0;
            var seen = new HashSet<int>();
            for (var k = 1; k < tokens.Count; k++)
            {
                var line = tokens[k].Line;
                if (line == site.ViewLine || !IsFieldAccess(tokens, source, k, field) || !seen.Add(line) || site.Analysis.FunctionAt(line) is not { } function)
                {
                    continue;
                }

                var states = StatesAt(function, line);
                if (states.Count == 0)
                {
                    continue;
                }

                accesses++;
                foreach (var guard in states.Select(Guards).Aggregate((a, b) => [.. a.Intersect(b, StringComparer.Ordinal)]).Where(g => g != field))
                {
                    guards[guard] = guards.GetValueOrDefault(guard) + 1;
                }
            }

            if (guards.Count == 0)
            {
                continue;
            }

            var (lockName, guarded) = guards.MaxBy(g => g.Value);
            if (guarded < MinGuarded || guarded * 3 < accesses * 2)
            {
                continue;
            }

            var unguarded = here.Where(s => !Guards(s).Contains(lockName)).ToList();
            var what = $"{field} is accessed with {lockName} held at {guarded} of its {accesses} other places in this file";
            return unguarded.Count > 0
                ? ClaimCheckResult.Confirmed(RuleIds.LockContextRequired, site.Claim.Line,
                    $"{what}, but a path of {site.FunctionName}() reaches line {site.Claim.Line} without it", $"{field}:lockset:{lockName}")
                : ClaimCheckResult.Contradicted($"{what}, and every path reaching line {site.Claim.Line} holds it");
        }

        return null;
    }

    /// <summary>The path states just before a line: those of the first call at or after it (no lock call lies between), else of the returns after it.</summary>
    internal static IReadOnlyList<ContextState> StatesAt(FunctionContext function, int line)
    {
        var next = function.Calls.Where(c => c.Line >= line).MinBy(c => c.Line);
        return next is not null ? next.States : function.Returns.Where(r => r.Line >= line).Select(r => r.State).ToList();
    }

    /// <summary>The guards a path holds, by the lock's last field or name (<c>rcu</c> for a read section); interrupt and preemption sections are not guards of data.</summary>
    private static HashSet<string> Guards(ContextState state) =>
        state.Held.Where(h => h.Kind is not (LockKind.IrqsOff or LockKind.BhOff or LockKind.PreemptOff or LockKind.AtomicEntry))
            .Select(h => LockTemplates.LastName(h.Key)).ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<string> FieldsOn(IReadOnlyList<Token> tokens, string source, int line)
    {
        var fields = new List<string>();
        for (var k = 1; k < tokens.Count; k++)
        {
            if (tokens[k].Line == line && tokens[k].Kind == TokenKind.Identifier && (tokens[k - 1].Is(source, "->") || tokens[k - 1].Is(source, ".")))
            {
                fields.Add(tokens[k].Text(source));
            }
        }

        return fields.Distinct(StringComparer.Ordinal);
    }

    private static bool IsFieldAccess(IReadOnlyList<Token> tokens, string source, int k, string field) =>
        tokens[k].Kind == TokenKind.Identifier && tokens[k].Is(source, field) && (tokens[k - 1].Is(source, "->") || tokens[k - 1].Is(source, "."));
}

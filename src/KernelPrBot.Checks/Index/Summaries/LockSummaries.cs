namespace KernelPrBot.Checks.Index.Summaries;

/// <summary>
/// The tree's lock facts, from each body's own (<see cref="LockFactScanner"/>) to what the call graph adds:
/// <list type="bullet">
/// <item>a <c>lockdep_assert_*()</c> wrapper's requirement with the caller's argument put in
/// (<c>lockdep_assert_wiphy(local-&gt;hw.wiphy)</c> needs <c>&amp;local-&gt;hw.wiphy-&gt;mtx</c>);</item>
/// <item><b>needs RCU</b>, seeded also by kernel-doc (<see cref="DocumentedRcuNeeds"/>), propagated backwards over the calls made on the main line with nothing atomic held and the context not tested, at most three callers up,
/// from functions that read RCU-protected data outside a read section of their own, to a fixed point (breadth first, so
/// the witness chain is a short one), stopping at every function that manages RCU itself. A function that may sleep
/// never needs its caller's rcu_read_lock() (it could not sleep in it): its RCU reads are protected some other way, and
/// it is neither a seed nor a link. A name with several definitions needs RCU only if every one does.</item>
/// </list>
/// </summary>
internal static class LockSummaries
{
    /// <summary>How many callers up a need is passed: a contract holds for a reader's wrappers, not for a subsystem built on them.</summary>
    private const int MaxDepth = 3;

    public static (List<LockFact>?[] Facts, (int Callee, int Line, int Target)?[] Rcu, List<string> IrqUses) Solve(
        CallGraphBuilder graph, CallGraphSolver.Resolver resolver, (int Callee, int Line, int Target)?[] sleeps)
    {
        var classes = new List<LockFact>?[graph.Functions.Count];
        var functions = graph.Functions;
        var facts = new List<LockFact>?[functions.Count];
        var manages = new bool[functions.Count];
        var rcu = new (int Callee, int Line, int Target)?[functions.Count];
        var queue = new Queue<int>();
        var wrapped = new List<(int Function, LockFact Fact)>();
        var forwards = new List<(int Function, LockFact Fact)>();
        for (var f = 0; f < functions.Count; f++)
        {
            foreach (var fact in functions[f].LockFacts ?? [])
            {
                switch (fact.Kind)
                {
                    case LockFact.ManagesRcu:
                        manages[f] = true;
                        break;
                    case LockFact.NeedsRcu when sleeps[f] is null:
                        rcu[f] = (graph.Intern(fact.By), fact.Line, -1);
                        queue.Enqueue(f);
                        break;
                    case LockFact.NeedsRcu:
                        break;
                    case LockFact.RequiresByWrapper:
                        wrapped.Add((f, fact));
                        break;
                    case LockFact.Forwards:
                        forwards.Add((f, fact));
                        break;
                    case LockFact.TakesClass:
                        (classes[f] ??= []).Add(fact);
                        break;
                    default:
                        (facts[f] ??= []).Add(fact);
                        break;
                }
            }
        }

        // Wrappers of wrappers, three deep at most (lnet_net_lock_current() -> lnet_net_lock() -> cfs_percpt_lock()).
        for (var round = 0; round < 3; round++)
        {
            var added = false;
            foreach (var (f, forward) in forwards)
            {
                if (facts[f]?.Any(x => x.Kind is LockFact.Acquires or LockFact.Releases) == true)
                {
                    continue;
                }

                if (Forwarded(forward, resolver.Resolve(functions[f].Path, graph.Intern(forward.Lock)).Select(t => (IReadOnlyList<LockFact>?)facts[t]).ToList()) is { } fact)
                {
                    (facts[f] ??= []).Add(fact);
                    added = true;
                }
            }

            if (!added)
            {
                break;
            }
        }

        // Kernel-doc "must be called under RCU": every definition the name reaches from the documenting file.
        foreach (var (function, path, line, sentence) in graph.DocumentedRcuNeeds)
        {
            foreach (var f in resolver.Resolve(path, function))
            {
                if (rcu[f] is null && !manages[f] && sleeps[f] is null)
                {
                    rcu[f] = (graph.Intern(DocumentedRcuNeeds.WitnessPrefix + graph.Paths[path] + ":" + sentence), line, -1);
                    queue.Enqueue(f);
                }
            }
        }

        foreach (var (f, fact) in wrapped)
        {
            if (Requirement(graph, resolver, facts, functions[f].Path, fact) is { } resolved)
            {
                (facts[f] ??= []).Add(resolved);
            }
        }

        PropagateRcu(graph, resolver, manages, sleeps, rcu, queue);
        return (facts, rcu, IrqUses(graph, resolver, classes));
    }

    /// <summary>
    /// The lock classes that a callback registered to run in interrupt context takes in its own body, with one witness
    /// each (a hard-IRQ user before a softirq one): <c>%class I level callback primitive path line how</c>.
    /// </summary>
    private static List<string> IrqUses(CallGraphBuilder graph, CallGraphSolver.Resolver resolver, List<LockFact>?[] classes)
    {
        var uses = new SortedDictionary<string, (string Level, string Record)>(StringComparer.Ordinal);
        foreach (var (callback, path, how, _) in graph.Registrations)
        {
            if (IrqLevel(how) is not { } level)
            {
                continue;
            }

            foreach (var f in resolver.Resolve(path, callback))
            {
                foreach (var taken in classes[f] ?? [])
                {
                    if (uses.TryGetValue(taken.Lock, out var known) && (known.Level == "hardirq" || level == "softirq"))
                    {
                        continue;
                    }

                    var line = taken.Line.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    uses[taken.Lock] = (level, FunctionFacts.Record(FunctionFacts.IrqUseKey(taken.Lock), FunctionFacts.IrqUseKind, level, graph.Names[callback], taken.By, graph.Paths[graph.Functions[f].Path], line, how));
                }
            }
        }

        return uses.Values.Select(u => u.Record).ToList();
    }

    /// <summary>"hardirq" for a hard-IRQ handler, "softirq" for what runs at least with bottom halves off (timers, tasklets, NAPI, RCU callbacks, hrtimers in either mode); null for the rest.</summary>
    public static string? IrqLevel(string how) =>
        how.Contains("hard-IRQ handler", StringComparison.Ordinal) ? "hardirq"
        : how.Contains("softirq", StringComparison.Ordinal) || how.Contains("hrtimer", StringComparison.Ordinal) || how.Contains("timer", StringComparison.Ordinal) ? "softirq"
        : null;

    /// <summary>
    /// The acquire or release fact of a function whose one lock call is <paramref name="forward"/>: the callee's (every
    /// definition agreeing) with the call's arguments put in. Null when the callee is no wrapper or the argument no access path.
    /// </summary>
    public static LockFact? Forwarded(LockFact forward, IReadOnlyList<IReadOnlyList<LockFact>?> targets)
    {
        ArgumentNullException.ThrowIfNull(forward);
        ArgumentNullException.ThrowIfNull(targets);
        var first = targets.Count == 0 ? null : targets[0]?.FirstOrDefault(x => x.Kind is LockFact.Acquires or LockFact.Releases);
        if (first is null || targets.Any(t => t?.Any(x => x.Kind == first.Kind && x.Lock == first.Lock && x.By == first.By) != true))
        {
            return null;
        }

        var arguments = forward.By.Length == 0 ? [] : forward.By.Split(LockFact.ArgumentSeparator);
        return LockTemplates.Substitute(first.Lock, arguments) is { } lockName
            ? new LockFact(first.Kind, lockName, first.By, forward.Line, Via: forward.Lock)
            : null;
    }

    /// <summary>The requirement of a wrapper's call: every definition it reaches needs the lock of its one parameter.</summary>
    private static LockFact? Requirement(CallGraphBuilder graph, CallGraphSolver.Resolver resolver, List<LockFact>?[] facts, int path, LockFact call)
    {
        var targets = resolver.Resolve(path, graph.Intern(call.By));
        string? template = null;
        foreach (var t in targets)
        {
            var own = facts[t]?.FirstOrDefault(x => x.Kind == LockFact.Requires && LockTemplates.Parameter(x.Lock) == 0);
            if (own is null || (template is not null && template != own.Lock))
            {
                return null;
            }

            template = own.Lock;
        }

        return template is not null && LockTemplates.Substitute(template, [call.Lock]) is { } lockName ? call with { Kind = LockFact.Requires, Lock = lockName } : null;
    }

    private static void PropagateRcu(
        CallGraphBuilder graph, CallGraphSolver.Resolver resolver, bool[] manages, (int Callee, int Line, int Target)?[] sleeps, (int Callee, int Line, int Target)?[] rcu, Queue<int> queue)
    {
        var functions = graph.Functions;
        var calls = graph.Calls;
        // On the main line only: a call made in one mode of the caller (check_acl() under MAY_NOT_BLOCK) is no contract.
        static bool Passes(CallPosition position) => (position & (CallPosition.MaybeAtomic | CallPosition.Guarded | CallPosition.Conditional)) == 0;
        var depth = new int[functions.Count];

        var (start, byCallee) = CallGraphSolver.CallsByCallee(graph, Passes);

        while (queue.Count > 0)
        {
            var g = queue.Dequeue();
            var name = functions[g].Name;

            for (var s = start[name]; s < start[name + 1]; s++)
            {
                var call = calls[byCallee[s]];
                var f = call.Caller;
                if (rcu[f] is not null || manages[f] || sleeps[f] is not null || functions[f].ReleasesCallersLock || depth[g] >= MaxDepth)
                {
                    continue;
                }

                var targets = resolver.Resolve(functions[f].Path, call.Callee);
                if (!targets.Contains(g) || targets.Any(t => rcu[t] is null))
                {
                    continue;
                }

                rcu[f] = (call.Callee, call.Line, g);
                depth[f] = depth[g] + 1;
                queue.Enqueue(f);
            }
        }
    }
}

using System.Collections.Immutable;
using KernelPrBot.Checks.Kernel;
using KernelPrBot.Checks.Source;
using KernelPrBot.Checks.Source.Statements;

namespace KernelPrBot.Checks.Analysis.Context;

/// <summary>
/// Walks every path of a function body, carrying held locks and atomic sections. Paths that reach the same
/// point with the same state are merged; at most <see cref="MaxStates"/> distinct states are kept per point.
/// Forward gotos carry their states to the label; a branch on a condition already decided on the path takes
/// only the consistent side, so "if (x) lock; …; if (x) unlock;" is understood.
/// </summary>
internal sealed class PathWalker
{
    private const int MaxStates = 24;
    private readonly string _src;
    private readonly IReadOnlyList<Token> _code;
    private readonly List<CallSite> _calls = [];
    private readonly List<ReturnSite> _returns = [];
    private readonly List<GotoSite> _gotos = [];
    private readonly List<LockEvent> _events = [];
    private readonly Dictionary<string, List<ContextState>> _labels = new(StringComparer.Ordinal);
    private readonly Stack<List<ContextState>> _breaks = new();
    private readonly Stack<List<ContextState>> _continues = new();
    private readonly Stack<List<ContextState>> _switchEntries = new();
    private readonly Stack<List<string>> _blockGuards = new();

    private readonly BracketMap _brackets;
    private readonly IReadOnlyDictionary<string, LockWrapper>? _wrappers;

    private PathWalker(string src, IReadOnlyList<Token> code, BracketMap brackets, IReadOnlyDictionary<string, LockWrapper>? wrappers)
    {
        _src = src;
        _code = code;
        _brackets = brackets;
        _wrappers = wrappers;
    }

    /// <summary>Walks one function; <paramref name="brackets"/> is the file's, built once for all its functions.</summary>
    /// <param name="wrappers">The file's lock wrappers: a call of one takes or drops its lock as the primitive would.</param>
    public static FunctionContext Walk(
        string src, IReadOnlyList<Token> code, FunctionDefinition function, BlockStatement body, EntryContext? entry, BracketMap brackets,
        IReadOnlyDictionary<string, LockWrapper>? wrappers = null)
    {
        var walker = new PathWalker(src, code, brackets, wrappers);
        var start = ContextState.Empty;
        if (entry is not null)
        {
            start = start with { Held = start.Held.Add(new HeldLock("<entry>", LockKind.AtomicEntry, entry.Reason, null, entry.Reason, entry.Line, false, true)) };
        }

        foreach (var annotation in function.Annotations.Where(a => a.StartsWith("__must_hold(", StringComparison.Ordinal) || a.StartsWith("__releases(", StringComparison.Ordinal)))
        {
            var key = Normalise(annotation[(annotation.IndexOf('(', StringComparison.Ordinal) + 1)..^1]);
            start = start with { Held = start.Held.Add(new HeldLock(key, LockKind.Unknown, "annotation", null, annotation, function.Line, false, true)) };
        }

        var end = walker.WalkStatement(body, [start]);
        foreach (var state in end)
        {
            walker._returns.Add(new ReturnSite(function.EndLine, string.Empty, state, true));
        }

        return new FunctionContext(function, entry, walker._calls, walker._returns, walker._events) { Gotos = walker._gotos };
    }

    private List<ContextState> WalkStatement(Statement statement, List<ContextState> states)
    {
        switch (statement)
        {
            case BlockStatement block:
                return WalkBlock(block, states);
            case ExpressionStatement e:
                return Forget(e.Start, e.End, Apply(e.Start, e.End, states, inCondition: false));
            case IfStatement s:
                {
                    states = Apply(s.CondStart, s.CondEnd, states, inCondition: true);
                    var (yes, no) = Split(s.CondStart, s.CondEnd, states);
                    var then = WalkStatement(s.Then, yes);
                    var otherwise = s.Else is null ? no : WalkStatement(s.Else, no);
                    return Merge(then, otherwise);
                }

            case LoopStatement loop:
                return WalkLoop(loop, states);
            case SwitchStatement sw:
                {
                    states = Apply(sw.CondStart, sw.CondEnd, states, inCondition: true);
                    _breaks.Push([]);
                    _switchEntries.Push(states);
                    var end = WalkStatement(sw.Body, []);
                    _switchEntries.Pop();
                    var breaks = _breaks.Pop();
                    var hasDefault = ContainsDefault(sw.Body);
                    return Merge(Merge(end, breaks), hasDefault ? [] : states);
                }

            case CaseLabelStatement:
                return _switchEntries.Count > 0 ? Merge(states, _switchEntries.Peek()) : states;
            case LabelStatement label:
                return _labels.Remove(label.Name, out var arriving) ? Merge(states, arriving) : states;
            case GotoStatement g:
                if (!_labels.TryGetValue(g.Label, out var list))
                {
                    _labels[g.Label] = list = [];
                }

                list.AddRange(states);
                _gotos.Add(new GotoSite(g.Line, g.Label, states));
                return [];
            case ReturnStatement r:
                {
                    states = Apply(r.Start, r.End, states, inCondition: false);
                    var text = Text(r.Start, r.End);
                    foreach (var state in states)
                    {
                        _returns.Add(new ReturnSite(r.Line, text, state, false));
                    }

                    return [];
                }

            case BreakStatement:
                if (_breaks.Count == 0)
                {
                    return states;
                }

                _breaks.Peek().AddRange(states);
                return [];
            case ContinueStatement:
                if (_continues.Count == 0)
                {
                    return states;
                }

                _continues.Peek().AddRange(states);
                return [];
            case ScopedGuardStatement guard:
                return WalkScopedGuard(guard, states);
            default:
                return states;
        }
    }

    private List<ContextState> WalkBlock(BlockStatement block, List<ContextState> states)
    {
        _blockGuards.Push([]);
        foreach (var child in block.Body)
        {
            states = WalkStatement(child, states);
        }

        var guards = _blockGuards.Pop();
        return guards.Count == 0 ? states : states.Select(s => s with { Held = s.Held.RemoveAll(h => h.Scoped && guards.Contains(h.Key)) }).ToList();
    }

    private List<ContextState> WalkLoop(LoopStatement loop, List<ContextState> states)
    {
        if (loop.Keyword is not ("for" or "while" or "do"))
        {
            // A loop macro is also a call (list_for_each_entry_rcu needs RCU, for instance).
            RecordCall(loop.Keyword, loop.HeadStart - 1, loop.HeadEnd, states, loop.Line);
        }

        states = Apply(loop.HeadStart, loop.HeadEnd, states, inCondition: true);
        _breaks.Push([]);
        _continues.Push([]);
        var bodyEnd = WalkStatement(loop.Body, states);
        var continues = _continues.Pop();
        var breaks = _breaks.Pop();
        var looped = Merge(bodyEnd, continues);
        var infinite = loop.HeadEnd - loop.HeadStart == 0 && loop.Keyword != "do" ||
                       (loop.Keyword is "while" or "do" && Text(loop.HeadStart, loop.HeadEnd) is "1" or "true") ||
                       (loop.Keyword == "for" && IsEmptyForCondition(loop.HeadStart, loop.HeadEnd));
        if (infinite)
        {
            return breaks;
        }

        var exits = loop.Keyword == "do" ? looped : Merge(states, looped);
        if (loop.Keyword is "while" or "do")
        {
            exits = Split(loop.HeadStart, loop.HeadEnd, exits).No;
        }

        return Merge(exits, breaks);
    }

    private bool IsEmptyForCondition(int start, int end)
    {
        var semicolons = new List<int>();
        var depth = 0;
        for (var k = start; k < end; k++)
        {
            if (_code[k].Is(_src, "("))
            {
                depth++;
            }
            else if (_code[k].Is(_src, ")"))
            {
                depth--;
            }
            else if (depth == 0 && _code[k].Is(_src, ";"))
            {
                semicolons.Add(k);
            }
        }

        return semicolons.Count == 2 && semicolons[1] == semicolons[0] + 1;
    }

    private List<ContextState> WalkScopedGuard(ScopedGuardStatement guard, List<ContextState> states)
    {
        var args = SplitArgs(guard.ArgsStart, guard.ArgsEnd);
        var type = args.Count > 0 ? Text(args[0].Start, args[0].End) : string.Empty;
        var lockArg = guard.Keyword == "scoped_cond_guard" ? 2 : 1;
        var primitive = LockPrimitives.ForGuard(type);
        RecordCall(guard.Keyword, guard.ArgsStart - 1, guard.ArgsEnd, states, guard.Line);
        if (primitive is null)
        {
            return WalkStatement(guard.Body, states);
        }

        var key = primitive.PseudoLock ?? (args.Count > lockArg ? Normalise(Text(args[lockArg].Start, args[lockArg].End)) : type);
        var held = new HeldLock(key, primitive.Kind, primitive.Name, null, $"{guard.Keyword}({Text(guard.ArgsStart, guard.ArgsEnd)})", guard.Line, true, false);
        var inside = states.Select(s => s with { Held = Hold(s.Held, held) }).ToList();
        var after = WalkStatement(guard.Body, inside);
        return after.Select(s => s with { Held = s.Held.Remove(held) }).ToList();
    }

    /// <summary>Applies the calls of an expression in source order; in a condition, conditional acquisitions are left to <see cref="Split"/>.</summary>
    private List<ContextState> Apply(int start, int end, List<ContextState> states, bool inCondition)
    {
        var next = start; // a guard's body is walked as a statement: calls before this were taken with it
        foreach (var call in CallExpressions.Find(_src, _code, _brackets, start, end))
        {
            var k = call.Name;
            if (k < next)
            {
                continue;
            }

            var name = _code[k].Text(_src);
            var close = call.Close >= 0 ? call.Close : end;
            if (name == "guard" && close + 1 < end && _code[close + 1].Is(_src, "("))
            {
                var type = Text(k + 2, close);
                var argsClose = MatchParen(close + 1, end);
                RecordCall(name, k + 1, close, states, _code[k].Line);
                states = ApplyGuard(type, close + 2, argsClose, states, _code[k].Line);
                next = argsClose + 1;
                continue;
            }

            RecordCall(name, k + 1, close, states, _code[k].Line);
            var primitive = LockPrimitives.Find(name);
            if (primitive is not null)
            {
                states = ApplyPrimitive(primitive, k, close, start, states, inCondition);
            }
            else if (_wrappers is not null && _wrappers.TryGetValue(name, out var wrapper) && WrapperKey(wrapper, k, close) is { } wrapped)
            {
                states = ApplyPrimitive(wrapper.Primitive, k, close, start, states, inCondition, wrapped, $"{name}({Text(k + 2, close)}), which calls {wrapper.Evidence},");
            }
            else if (name.Contains("unlock", StringComparison.Ordinal) || name.EndsWith("_locked", StringComparison.Ordinal))
            {
                // A helper handed a held lock to drop it (…_unlock(lock), wait_on_locked(…, ptl)): the lock leaves with it.
                states = HandOver(k + 2, close, states);
            }
        }

        return states;
    }

    /// <summary>
    /// Drops branch assumptions about variables this statement assigns: "ret = f(); if (ret &lt; 0)" tests a new value.
    /// Only the assigned side counts ("val = readl(cell->reg)" leaves what is known of cell->lock alone). A flag set to a
    /// constant ("recouple = true;", "bool done = false;") is remembered, so that a later "if (recouple)" takes that side.
    /// </summary>
    private List<ContextState> Forget(int start, int end, List<ContextState> states)
    {
        var assigned = new HashSet<string>(StringComparer.Ordinal);
        (string Name, bool Value)? constant = null;
        for (var k = start; k < end; k++)
        {
            var t = _code[k];
            if (t.Kind != TokenKind.Punctuator)
            {
                continue;
            }

            var op = t.Text(_src);
            if (op == "&" && k + 1 < end && _code[k + 1].Kind == TokenKind.Identifier && k > start && (_code[k - 1].Is(_src, "(") || _code[k - 1].Is(_src, ",")))
            {
                assigned.Add(_code[k + 1].Text(_src)); // f(&ret) may set ret
            }
            else if (op is "++" or "--")
            {
                foreach (var j in new[] { k - 1, k + 1 })
                {
                    if (j >= start && j < end && _code[j].Kind == TokenKind.Identifier)
                    {
                        assigned.Add(_code[j].Text(_src));
                    }
                }
            }
            else if (op is "=" or "+=" or "-=" or "|=" or "&=" or "^=" or "<<=" or ">>=" or "*=" or "/=" or "%=")
            {
                for (var j = Math.Max(start, k - 4); j < k; j++)
                {
                    if (_code[j].Kind == TokenKind.Identifier)
                    {
                        assigned.Add(_code[j].Text(_src));
                    }
                }

                if (op == "=" && k > start && _code[k - 1].Kind == TokenKind.Identifier && k + 2 == end - (_code[end - 1].Is(_src, ";") ? 1 : 0) &&
                    _code[k + 1].Text(_src) is "0" or "1" or "true" or "false" or "NULL" && (k - 1 == start || _code[k - 2].Kind == TokenKind.Identifier))
                {
                    constant = (_code[k - 1].Text(_src), _code[k + 1].Text(_src) is "1" or "true");
                }
            }
        }

        if (assigned.Count == 0 || (constant is null && !states.Any(s => s.Assumptions.Count > 0)))
        {
            return states;
        }

        return states.Select(s =>
        {
            var kept = s.Assumptions.Count == 0 ? s.Assumptions : s.Assumptions.Where(a => !assigned.Any(v => ContainsWord(a.Key, v))).ToImmutableDictionary();
            if (constant is { } c)
            {
                kept = kept.SetItem(c.Name, c.Value);
            }

            return ReferenceEquals(kept, s.Assumptions) ? s : s with { Assumptions = kept };
        }).ToList();
    }

    private static bool ContainsWord(string text, string word)
    {
        for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.Ordinal))
        {
            var before = at == 0 || !CLexer.IsIdentPart(text[at - 1]);
            var after = at + word.Length >= text.Length || !CLexer.IsIdentPart(text[at + word.Length]);
            if (before && after)
            {
                return true;
            }
        }

        return false;
    }

    private List<ContextState> HandOver(int argsStart, int argsEnd, List<ContextState> states)
    {
        var passed = SplitArgs(argsStart, argsEnd).Select(a => Normalise(Text(a.Start, a.End))).ToHashSet(StringComparer.Ordinal);
        if (passed.Count == 0 || !states.Any(s => s.Held.Any(h => passed.Contains(h.Key))))
        {
            return states;
        }

        return states.Select(s => s with { Held = s.Held.RemoveAll(h => passed.Contains(h.Key) && !h.Scoped), Released = s.Released.Union(passed.Where(p => s.Held.Any(h => h.Key == p))) }).ToList();
    }

    private List<ContextState> ApplyGuard(string type, int argsStart, int argsEnd, List<ContextState> states, int line)
    {
        var primitive = LockPrimitives.ForGuard(type);
        if (primitive is null)
        {
            return states;
        }

        var key = primitive.PseudoLock ?? Normalise(Text(argsStart, argsEnd));
        _blockGuards.TryPeek(out var guards);
        guards?.Add(key);
        var held = new HeldLock(key, primitive.Kind, primitive.Name, null, $"guard({type})({Text(argsStart, argsEnd)})", line, true, false);
        return states.Select(s => s with { Held = Hold(s.Held, held) }).ToList();
    }

    /// <summary>The lock a call of a wrapper takes or drops, from its argument; null when the argument is not a plain access path.</summary>
    private string? WrapperKey(LockWrapper wrapper, int nameIndex, int close)
    {
        if (wrapper.Parameter < 0)
        {
            return wrapper.Prefix;
        }

        var args = SplitArgs(nameIndex + 2, close);
        return wrapper.Parameter < args.Count ? wrapper.KeyFor(Normalise(Text(args[wrapper.Parameter].Start, args[wrapper.Parameter].End))) : null;
    }

    /// <param name="wrappedKey">For a wrapper's call: the lock it takes or drops, with its own call text in <paramref name="wrapperText"/>.</param>
    private List<ContextState> ApplyPrimitive(
        LockPrimitive primitive, int nameIndex, int close, int exprStart, List<ContextState> states, bool inCondition, string? wrappedKey = null, string? wrapperText = null)
    {
        var args = SplitArgs(nameIndex + 2, close);
        var key = wrappedKey ?? primitive.PseudoLock ?? (primitive.LockArgument < args.Count ? Normalise(Text(args[primitive.LockArgument].Start, args[primitive.LockArgument].End)) : "?");
        var line = _code[nameIndex].Line;
        var callText = wrapperText ?? $"{primitive.Name}({(primitive.PseudoLock is null ? key : string.Empty)})";
        if (primitive.Action == LockAction.Release)
        {
            return states.Select(s => Release(s, primitive, key, callText, line)).ToList();
        }

        var held = new HeldLock(key, primitive.Kind, primitive.Name, primitive.Release, callText, line, false, false);
        if (primitive.Action == LockAction.Acquire)
        {
            return states.Select(s => TakeOver(s, held) with { Released = s.Released.Remove(key) }).ToList();
        }

        if (inCondition)
        {
            return states; // Split decides which branch holds it.
        }

        // "ret = mutex_lock_interruptible(&m);" — held or not depending on ret, decided where ret is tested.
        if (nameIndex - exprStart == 2 && _code[exprStart].Kind == TokenKind.Identifier && _code[exprStart + 1].Is(_src, "="))
        {
            var variable = _code[exprStart].Text(_src);
            var pending = new PendingAcquire(held, primitive.Action == LockAction.TryAcquireZero);
            return states.Select(s => s with { Pending = s.Pending.SetItem(variable, pending) }).ToList();
        }

        return states.Select(s => s with { Held = Hold(s.Held, held), Released = s.Released.Remove(key) }).ToList();
    }

    private ContextState Release(ContextState state, LockPrimitive primitive, string key, string callText, int line)
    {
        var index = state.Held.FindLastIndex(h => h.Key == key && !h.Scoped);
        if (index < 0)
        {
            if (primitive.PseudoLock is null)
            {
                var kind = state.Released.Contains(key) ? LockEventKind.DoubleRelease : LockEventKind.UnmatchedRelease;
                _events.Add(new LockEvent(kind, null, primitive.Name, key, callText, line));
            }

            return state;
        }

        var held = state.Held[index];
        var released = state with { Held = state.Held.RemoveAt(index), Released = state.Released.Add(key) };
        if (primitive.PseudoLock is null && held.ExpectedRelease is not null && held.ExpectedRelease != primitive.Name)
        {
            // "spin_lock_irqsave(); …; spin_unlock(); …; spin_lock(); …; spin_unlock_irqrestore()" drops the lock
            // but keeps interrupts off: the irqrestore is still owed, by whoever takes the lock again.
            if (IsPlainRelease(primitive.Name, held.AcquiredBy))
            {
                var kind = held.AcquiredBy.EndsWith("_bh", StringComparison.Ordinal) ? LockKind.BhOff : LockKind.IrqsOff;
                var owed = new HeldLock(SplitKey(key), kind, held.AcquiredBy, held.ExpectedRelease, callText, line, true, false, held.Line);
                return released with { Held = released.Held.Add(owed) };
            }

            _events.Add(new LockEvent(LockEventKind.VariantMismatch, held, primitive.Name, key, callText, line));
        }

        return released;
    }

    internal const string KeptPrefix = "irq-kept:";

    private static string SplitKey(string key) => KeptPrefix + key;

    /// <summary>A plain unlock of a lock taken with the _irqsave/_irq/_bh variant of the same family.</summary>
    private static bool IsPlainRelease(string release, string acquiredBy)
    {
        var at = acquiredBy.IndexOf("_lock", StringComparison.Ordinal);
        if (at <= 0)
        {
            return false;
        }

        var family = acquiredBy[..at];
        return release == family + "_unlock" && (acquiredBy.EndsWith("_irqsave", StringComparison.Ordinal) || acquiredBy.EndsWith("_irq", StringComparison.Ordinal) || acquiredBy.EndsWith("_bh", StringComparison.Ordinal));
    }

    /// <summary>
    /// Lockdep's MAX_LOCK_DEPTH: the kernel cannot hold more locks at once. Past it a path is not real code, and
    /// tracking each further acquisition would make every state operation, and so the walk, quadratic in their number.
    /// </summary>
    private const int MaxHeld = 48;

    private static ImmutableList<HeldLock> Hold(ImmutableList<HeldLock> held, HeldLock lockToHold) =>
        held.Count >= MaxHeld ? held : held.Add(lockToHold);

    /// <summary>Retaking a lock dropped with a plain unlock: the owed variant release passes to the new hold.</summary>
    private static ContextState TakeOver(ContextState state, HeldLock held)
    {
        var owedKey = SplitKey(held.Key);
        var owedIndex = state.Held.FindLastIndex(h => h.Key == owedKey);
        if (owedIndex < 0)
        {
            return state with { Held = Hold(state.Held, held) };
        }

        var owed = state.Held[owedIndex];
        return state with { Held = state.Held.RemoveAt(owedIndex).Add(held with { ExpectedRelease = owed.ExpectedRelease, AcquiredBy = owed.AcquiredBy }) };
    }

    /// <summary>Splits states by a branch condition into those taking the true and the false side.</summary>
    private (List<ContextState> Yes, List<ContextState> No) Split(int start, int end, List<ContextState> states)
    {
        if (states.Count == 0)
        {
            return ([], []);
        }

        var k = start;
        var negate = false;
        while (k < end && (_code[k].Is(_src, "!") || _code[k].Is(_src, "(")))
        {
            if (_code[k].Is(_src, "!"))
            {
                negate = !negate;
            }

            k++;
        }

        // "unlikely(x)" and "likely(x)" do not change the truth of x.
        if (k + 1 < end && _code[k].Kind == TokenKind.Identifier && _code[k].Text(_src) is "likely" or "unlikely" && _code[k + 1].Is(_src, "("))
        {
            k += 2;
            while (k < end && (_code[k].Is(_src, "!") || _code[k].Is(_src, "(")))
            {
                if (_code[k].Is(_src, "!"))
                {
                    negate = !negate;
                }

                k++;
            }
        }

        var text = Text(start, end);
        if (k < end && _code[k].Kind == TokenKind.Identifier)
        {
            var name = _code[k].Text(_src);
            var primitive = LockPrimitives.Find(name);
            var rest = Tail(k, end);
            negate ^= rest.Negates;
            if (primitive is { Action: LockAction.TryAcquireNonZero or LockAction.TryAcquireZero } && k + 1 < end && _code[k + 1].Is(_src, "("))
            {
                var close = MatchParen(k + 1, end);
                var args = SplitArgs(k + 2, close);
                var key = primitive.PseudoLock ?? (primitive.LockArgument < args.Count ? Normalise(Text(args[primitive.LockArgument].Start, args[primitive.LockArgument].End)) : "?");
                var held = new HeldLock(key, primitive.Kind, primitive.Name, primitive.Release, $"{primitive.Name}({key})", _code[k].Line, false, false);
                var successWhenTrue = primitive.Action == LockAction.TryAcquireNonZero;
                var holding = states.Select(s => s with { Held = Hold(s.Held, held), Released = s.Released.Remove(key) }).ToList();
                return successWhenTrue ^ negate ? (holding, states) : (states, holding);
            }

            if (rest.IsSimple && states.Any(s => s.Pending.ContainsKey(name)))
            {
                var yes = new List<ContextState>();
                var no = new List<ContextState>();
                foreach (var s in states)
                {
                    if (!s.Pending.TryGetValue(name, out var pending))
                    {
                        yes.Add(s);
                        no.Add(s);
                        continue;
                    }

                    var cleared = s with { Pending = s.Pending.Remove(name) };
                    var holding = cleared with { Held = Hold(cleared.Held, pending.Lock) };

                    // The variable is non-zero on the true side (unless negated).
                    var heldOnTrue = !pending.HeldWhenZero;
                    (heldOnTrue ^ negate ? yes : no).Add(holding);
                    (heldOnTrue ^ negate ? no : yes).Add(cleared);
                }

                return (yes, no);
            }
        }

        if (text.Length == 0 || (text.Contains('(', StringComparison.Ordinal) && !OnlyPureCalls(start, end)))
        {
            return (states, states);
        }

        if (text is "1" or "true")
        {
            return (states, []);
        }

        if (text is "0" or "false")
        {
            return ([], states);
        }

        // A condition without calls: remember its value so that the same test later takes the same side.
        var baseText = text.TrimStart('!');
        var positive = (text.Length - baseText.Length) % 2 == 0;
        var yesStates = new List<ContextState>();
        var noStates = new List<ContextState>();
        foreach (var s in states)
        {
            if (s.Assumptions.TryGetValue(baseText, out var known))
            {
                (known == positive ? yesStates : noStates).Add(s);
            }
            else
            {
                yesStates.Add(s with { Assumptions = s.Assumptions.SetItem(baseText, positive) });
                noStates.Add(s with { Assumptions = s.Assumptions.SetItem(baseText, !positive) });
            }
        }

        return (yesStates, noStates);
    }

    /// <summary>True when every call in the range is a macro that only tests (IS_ENABLED(), likely()): the value is stable.</summary>
    private bool OnlyPureCalls(int start, int end)
    {
        for (var k = start; k + 1 < end; k++)
        {
            if (_code[k].Kind == TokenKind.Identifier && _code[k + 1].Is(_src, "("))
            {
                var word = _code[k].Text(_src);
                if (word is not ("likely" or "unlikely") && !IsPredicateName(word) && (word.Any(char.IsAsciiLetterLower) || word.StartsWith("WARN", StringComparison.Ordinal)))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// Names that by kernel convention only test state: folio_test_swapcache(), is_foo(), test_bit(), has_bar(), and the
    /// static-key tests (static_branch_unlikely(), static_key_enabled()), patched jumps a function takes as fixed.
    /// </summary>
    private static bool IsPredicateName(string word) =>
        word.StartsWith("is_", StringComparison.Ordinal) || word.StartsWith("has_", StringComparison.Ordinal) ||
        word.StartsWith("static_branch_", StringComparison.Ordinal) || word.StartsWith("static_key_", StringComparison.Ordinal) ||
        word.Contains("_test_", StringComparison.Ordinal) || word.StartsWith("test_bit", StringComparison.Ordinal) ||
        word.Contains("_is_", StringComparison.Ordinal) || word.Contains("_has_", StringComparison.Ordinal);

    /// <summary>What follows a tested name: nothing, "!= 0", "&lt; 0" (simple, truthy) or "== 0" (negating).</summary>
    private (bool IsSimple, bool Negates) Tail(int nameIndex, int end)
    {
        var k = nameIndex + 1;
        if (k < end && _code[k].Is(_src, "("))
        {
            k = MatchParen(k, end) + 1;
        }

        while (k < end && _code[k].Is(_src, ")"))
        {
            k++;
        }

        if (k >= end)
        {
            return (true, false);
        }

        var op = _code[k].Text(_src);
        var operand = k + 1 < end ? _code[k + 1].Text(_src) : string.Empty;
        return (op, operand) switch
        {
            ("!=", "0") or ("<", "0") => (true, false),
            ("==", "0") => (true, true),
            _ => (false, false),
        };
    }

    private void RecordCall(string name, int open, int close, List<ContextState> states, int line)
    {
        var args = open >= 0 && close > open ? SplitArgs(open + 1, close) : [];

        // State lists are never changed once made, so the call can keep the one reaching it.
        _calls.Add(new CallSite(name, line, args, args.Select(a => a.End > a.Start ? _code[a.Start].Line : line).ToList(), Text, states));
    }

    private List<(int Start, int End)> SplitArgs(int start, int end) => _brackets.SplitArguments(start, end);

    /// <summary>The ')' closing the '(' at <paramref name="open"/>, or <paramref name="limit"/> when unbalanced.</summary>
    private int MatchParen(int open, int limit) => _brackets.Close(open, limit) is >= 0 and var close ? close : limit;

    private string Text(int start, int end)
    {
        if (end <= start)
        {
            return string.Empty;
        }

        var sb = new System.Text.StringBuilder();
        for (var k = start; k < end; k++)
        {
            sb.Append(_src, _code[k].Start, _code[k].Length);
        }

        return sb.ToString();
    }

    internal static string Normalise(string expression)
    {
        var text = string.Concat(expression.Where(c => !char.IsWhiteSpace(c)));
        while (text.Length > 2 && text[0] == '(' && text[^1] == ')')
        {
            text = text[1..^1];
        }

        return text;
    }

    private static bool ContainsDefault(Statement statement) => statement switch
    {
        CaseLabelStatement c => c.IsDefault,
        BlockStatement b => b.Body.Any(ContainsDefault),
        _ => false,
    };

    /// <summary>
    /// Joins the states of two paths. States that hold the same locks are one state whose assumptions are those
    /// both paths agree on: a branch condition is remembered only while it decides what is held.
    /// </summary>
    private static List<ContextState> Merge(List<ContextState> a, List<ContextState> b)
    {
        if (b.Count == 0)
        {
            return a;
        }

        if (a.Count == 0)
        {
            return b.ToList();
        }

        var byCore = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<ContextState>(Math.Min(MaxStates, a.Count + b.Count));
        foreach (var s in a.Concat(b))
        {
            if (byCore.TryGetValue(s.Core, out var at))
            {
                var existing = result[at];
                if (!ReferenceEquals(existing.Assumptions, s.Assumptions) && existing.Assumptions.Count > 0)
                {
                    var kept = existing.Assumptions.Where(kv => s.Assumptions.TryGetValue(kv.Key, out var v) && v == kv.Value).ToImmutableDictionary();
                    result[at] = existing with { Assumptions = kept };
                }
            }
            else if (result.Count < MaxStates)
            {
                byCore[s.Core] = result.Count;
                result.Add(s);
            }
        }

        return result;
    }
}

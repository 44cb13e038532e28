using KernelPrBot.Checks.Kernel;
using KernelPrBot.Checks.Source;

namespace KernelPrBot.Checks.Index.Summaries;

/// <summary>
/// One pass over a function body for the whole-tree summaries: every call with what may be held at it (locks and
/// atomic sections, by brace block), whether it stands under a test of the context, and whether it is given a
/// sleeping GFP flag; callbacks handed to atomic registrations; names used as values. No paths are walked (the
/// index scans the whole tree in the time ctags takes), so the scan leans to "maybe": a lock taken under a
/// condition, or still held when its block ends, is held only maybe, which keeps a callee's sleeping from making
/// the caller sleep but never makes a call surely atomic.
/// </summary>
public sealed class FunctionBodyScanner
{
    /// <summary>Tests of the context that make the code under them a choice between sleeping and not.</summary>
    private static readonly HashSet<string> ContextTests = new(StringComparer.Ordinal)
    {
        "gfpflags_allow_blocking", "in_atomic", "in_interrupt", "in_irq", "in_softirq", "in_serving_softirq", "in_task",
        "in_hardirq", "in_nmi", "preemptible", "irqs_disabled", "oops_in_progress", "system_state", "rcu_preempt_depth",
        "lockdep_is_held", "current_is_kswapd", "is_kdump_kernel", "in_atomic_preempt_off", "softirq_count", "irq_count",
    };

    /// <summary>Parts of a flag's name that say it chooses between sleeping and not (<c>if (can_sleep)</c>, <c>if (!atomic)</c>).</summary>
    private static readonly string[] ContextFlagParts = ["atomic", "sleep", "block", "nowait", "wait", "noio", "irq", "intr", "poll", "async", "may_", "can_", "ctx", "context", "locked", "busy"];

    private static readonly HashSet<string> NotCalls = new(StringComparer.Ordinal)
    {
        "if", "while", "for", "switch", "return", "sizeof", "typeof", "__typeof__", "__typeof", "_Generic", "defined", "alignof",
        "_Alignof", "__alignof__", "asm", "__asm__", "__asm", "volatile", "__volatile__", "__attribute__", "do", "else", "case",
        "offsetof", "__builtin_expect", "likely", "unlikely", "ARRAY_SIZE", "BIT", "container_of", "READ_ONCE", "WRITE_ONCE",
    };

    private static readonly HashSet<string> SleepingFlags = new(StringComparer.Ordinal)
    {
        "GFP_KERNEL", "GFP_KERNEL_ACCOUNT", "GFP_NOFS", "GFP_NOIO", "GFP_USER", "GFP_HIGHUSER", "GFP_HIGHUSER_MOVABLE",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NotCallSpans = NotCalls.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> SleepingFlagSpans = SleepingFlags.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> ContextTestSpans = ContextTests.GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly string _text;
    private readonly List<Token> _tokens;
    private readonly ISummarySink _sink;
    private readonly List<Held> _held = [];
    private readonly List<Frame> _frames = [];
    private readonly List<OpenCall> _calls = [];
    private readonly HashSet<string> _acquired = new(StringComparer.Ordinal);
    private int _parens;
    private int _conditionDepth = -1;
    private bool _conditionGuard;
    private bool _conditionIsIf;
    private bool _pendingGuard;
    private bool _pendingConditional; // the next block is the body of an if, else or switch
    private bool _lastIfGuard;
    private Held? _pendingScoped;
    private int _unbracedDepth = -1;
    private bool _unbracedGuard;
    private bool _releasesCallersLock;
    private bool _afterLabel;
    private readonly LockFactScanner _lockFacts;

    private FunctionBodyScanner(string text, List<Token> tokens, ISummarySink sink, int nameIndex, int open, int end, string path)
    {
        _text = text;
        _tokens = tokens;
        _sink = sink;
        _lockFacts = new LockFactScanner(text, tokens, nameIndex, open, end, path);
    }

    /// <summary>Scans the body from its '{' at <paramref name="open"/> to <paramref name="end"/> (exclusive); the function's name is at <paramref name="nameIndex"/>.</summary>
    internal static bool Scan(string text, List<Token> tokens, int nameIndex, int open, int end, ISummarySink sink)
    {
        var scanner = new FunctionBodyScanner(text, tokens, sink, nameIndex, open, end, sink.CurrentPath);
        scanner.Run(open, end);
        foreach (var fact in scanner._lockFacts.Facts())
        {
            sink.AddLockFact(fact);
        }

        return scanner._releasesCallersLock;
    }

    /// <summary>At the body's top level, on every path that gets this far: not in a branch, a loop's condition, or after a label.</summary>
    private bool OnMainLine => _frames.Count == 1 && !InUnbraced && _conditionDepth < 0 && !_afterLabel;

    private bool Is(int i, string s) => i >= 0 && i < _tokens.Count && _tokens[i].Is(_text, s);

    /// <summary>A one-character punctuator, tested without a string compare (every identifier of a tree's bodies asks).</summary>
    private bool IsChar(int i, char c) => i >= 0 && i < _tokens.Count && _tokens[i] is { Kind: TokenKind.Punctuator, Length: 1 } t && _text[t.Start] == c;

    private bool IsArrow(int i) => i >= 0 && i < _tokens.Count && _tokens[i] is { Kind: TokenKind.Punctuator, Length: 2 } t && _text[t.Start] == '-' && _text[t.Start + 1] == '>';

    private bool IsIdent(int i) => i >= 0 && i < _tokens.Count && _tokens[i].Kind == TokenKind.Identifier;

    private ReadOnlySpan<char> Span(int i) => _tokens[i].Span(_text);

    private bool InUnbraced => _unbracedDepth >= 0;

    private bool Guarded => _unbracedGuard || (_frames.Count > 0 && _frames[^1].Guarded);

    private void Run(int open, int end)
    {
        for (var i = open; i < end; i++)
        {
            var t = _tokens[i];
            if (t.Kind == TokenKind.Directive || t.InDirective)
            {
                continue;
            }

            if (t.Kind == TokenKind.Punctuator && t.Length == 1)
            {
                Punctuator(i, _text[t.Start]);
                continue;
            }

            if (t.Kind == TokenKind.Identifier)
            {
                Identifier(i);
            }
        }
    }

    private void Punctuator(int i, char c)
    {
        switch (c)
        {
            case '{':
                var guarded = Guarded || _pendingGuard;
                var conditional = _pendingConditional || InUnbraced || (_frames.Count > 0 && _frames[^1].Conditional);
                var frame = new Frame(guarded, conditional, _lastIfGuard);
                if (_pendingScoped is { } scoped)
                {
                    _held.Add(scoped with { Level = _frames.Count + 1 });
                    _pendingScoped = null;
                }

                _frames.Add(frame);
                _pendingGuard = _pendingConditional = false;
                _unbracedDepth = -1;
                _unbracedGuard = false;
                break;
            case '}':
                CloseFrame();
                break;
            case '(':
                _parens++;
                break;
            case ')':
                _parens--;
                CloseCalls();
                if (_parens == _conditionDepth)
                {
                    // The condition of an if/while/for/switch ends: what follows is its body.
                    _conditionDepth = -1;
                    _pendingGuard = _conditionGuard;
                    _pendingConditional = _conditionIsIf;
                    if (_conditionIsIf)
                    {
                        _lastIfGuard = _conditionGuard;
                    }

                    if (!Is(i + 1, "{"))
                    {
                        _unbracedDepth = _parens;
                        _unbracedGuard = Guarded || _conditionGuard;
                        _pendingGuard = false;
                    }
                }

                break;
            case ';':
                if (_parens <= _unbracedDepth)
                {
                    _unbracedDepth = -1;
                    _unbracedGuard = false;
                }

                _pendingScoped = null;
                break;
            case '?':
                if (_calls.Count > 0)
                {
                    System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_calls)[^1].Choice = true;
                }

                break;
        }
    }

    private void CloseFrame()
    {
        if (_frames.Count == 0)
        {
            return;
        }

        var level = _frames.Count;
        var frame = _frames[^1];
        _frames.RemoveAt(_frames.Count - 1);
        for (var k = _held.Count - 1; k >= 0; k--)
        {
            var h = _held[k];
            if (h.Level < level)
            {
                continue;
            }

            // Guards end with their block; a plain lock taken in the block and still held is held only maybe.
            if (h.Scoped)
            {
                _held.RemoveAt(k);
            }
            else
            {
                _held[k] = h with { Certain = false, Level = level - 1 };
            }
        }

        if (frame.EndsWithExit)
        {
            // "if (err) { spin_unlock(&l); return; }": after the block the lock is held again (maybe).
            foreach (var released in frame.Released)
            {
                _held.Add(released with { Certain = false, Level = Math.Min(released.Level, level - 1) });
            }
        }

        if (_frames.Count > 0)
        {
            _frames[^1].EndsWithExit = false;
        }

        _lastIfGuard = frame.IfGuard;
        _unbracedDepth = -1;
        _unbracedGuard = false;
    }

    private void Identifier(int i)
    {
        var word = Span(i);
        if (word is "if" or "while" or "for" or "switch")
        {
            if (Is(i + 1, "("))
            {
                _conditionDepth = _parens;
                _conditionGuard = false;
                _conditionIsIf = word is "if" or "switch";
            }

            MarkStatementStart(i, exit: false);
            return;
        }

        if (word is "else")
        {
            _pendingConditional = true;
            _pendingGuard = _lastIfGuard;
            if (!Is(i + 1, "{") && !Is(i + 1, "if"))
            {
                _unbracedDepth = _parens;
                _unbracedGuard = Guarded || _lastIfGuard;
                _pendingGuard = false;
            }

            return;
        }

        if (word is "return" or "goto" or "break" or "continue")
        {
            MarkStatementStart(i, exit: true);
            _lockFacts.ExitSeen |= word is "return" or "goto";
            return;
        }

        MarkStatementStart(i, exit: false);
        if (IsChar(i + 1, ':') && _parens == 0 && (IsChar(i - 1, ';') || IsChar(i - 1, '{') || IsChar(i - 1, '}')) && word is not "default")
        {
            // Code after a label is where gotos land, mostly error paths: on some paths only.
            _afterLabel = true;
        }

        if (_conditionDepth >= 0 && !_conditionGuard && _parens > _conditionDepth && IsContextTest(word, i))
        {
            _conditionGuard = true;
        }

        var afterMember = IsChar(i - 1, '.') || IsArrow(i - 1);
        if (IsChar(i + 1, '('))
        {
            if (!afterMember && !NotCallSpans.Contains(word))
            {
                Call(i);
            }

            return;
        }

        if (_calls.Count > 0 && _calls[^1].Depth == _parens && word.StartsWith("GFP_") && SleepingFlagSpans.Contains(word))
        {
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_calls)[^1].SleepingFlag = true;
        }

        // Kernel function names have an underscore (acme_irq, foo_work); most locals (ret, dev, skb) do not: they are left out.
        if (!afterMember && word.Contains('_') && IsValueUse(i) && HasLowerCase(word))
        {
            _sink.AddValueReference(word);
        }

        if (afterMember && IsChar(i + 1, '=') && IsIdent(i + 2) && IsChar(i + 3, ';'))
        {
            // "led->cdev.brightness_set = rtw_led_set;": a slot filled at run time, its struct type unknown here.
            if (word is "function")
            {
                _sink.AddRegistration(Span(i + 2), "timer or hrtimer callback", _tokens[i].Line);
            }
            else
            {
                _sink.AddSlotAssignment(string.Empty, word, Span(i + 2), _tokens[i].Line);
            }
        }
    }

    private bool IsContextTest(ReadOnlySpan<char> word, int i)
    {
        if (Is(i + 1, "("))
        {
            return ContextTestSpans.Contains(word);
        }

        if (!HasLowerCase(word))
        {
            return false;
        }

        // Flags are lower-case names (can_sleep, atomic, nowait); upper-case ones are constants and were left out above.
        foreach (var part in ContextFlagParts)
        {
            if (word.Contains(part, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasLowerCase(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (char.IsAsciiLetterLower(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A lone name between operators that take a value: <c>= name;</c>, <c>f(a, name)</c>, <c>&amp;name</c>, <c>return name;</c>.</summary>
    private bool IsValueUse(int i)
    {
        var after = i + 1;
        if (!(IsChar(after, ',') || IsChar(after, ';') || IsChar(after, ')') || IsChar(after, '}')))
        {
            return false;
        }

        var before = i - 1;
        return IsChar(before, '=') || IsChar(before, ',') || IsChar(before, '(') || IsChar(before, '&') || IsChar(before, '?') || IsChar(before, ':') || Is(before, "return");
    }

    private void MarkStatementStart(int i, bool exit)
    {
        if (_frames.Count == 0 || _parens != 0 || InUnbraced)
        {
            return;
        }

        var prev = i - 1;
        if (IsChar(prev, ';') || IsChar(prev, '{') || IsChar(prev, '}') || IsChar(prev, ':'))
        {
            _frames[^1].EndsWithExit = exit;
        }
    }

    private void Call(int i)
    {
        var name = Span(i);
        var primitive = LockPrimitives.Find(name);
        var position = Position();
        Held? cause = null;
        for (var k = _held.Count - 1; k >= 0 && cause is null; k--)
        {
            cause = _held[k].Atomic ? _held[k] : null;
        }

        _calls.Add(new OpenCall
        {
            Index = i, Line = _tokens[i].Line, Depth = _parens + 1, Position = position, Cause = cause,
            SleepingFlag = name.StartsWith("v") && Allocators.IsAlwaysSleeping(name.ToString()),
        });
        _lockFacts.Call(i, position, _held.Count > 0, OnMainLine, _acquired);
        if (primitive is not null)
        {
            Lock(i, primitive);
        }
        else if (name is "guard" && ForGuard(i) is { } guard)
        {
            _held.Add(guard with { Scoped = true, Level = _frames.Count });
            _lockFacts.ManagesRcu |= guard.Key.StartsWith("rcu", StringComparison.Ordinal);
        }
        else if (name is "scoped_guard" && ForGuard(i) is { } scoped)
        {
            _pendingScoped = scoped with { Scoped = true };
            _lockFacts.ManagesRcu |= scoped.Key.StartsWith("rcu", StringComparison.Ordinal);
        }
        else if (AtomicCallbacks.IsRegistration(name) && AtomicCallbacks.TryGet(name.ToString(), out var argument, out var context))
        {
            var callback = Argument(i + 1, argument);
            if (callback >= 0)
            {
                _sink.AddRegistration(Span(callback), $"{context} registered by {name.ToString()}()", _tokens[i].Line);
            }
        }
    }

    /// <summary>Whether a sleeping GFP flag given to <paramref name="name"/> means it may sleep: an allocator of the table, or a name that says it allocates.</summary>
    public static bool IsAllocator(string name) => IsAllocator(name.AsSpan());

    private static bool IsAllocator(ReadOnlySpan<char> name)
    {
        if (Allocators.IsKnownAllocator(name))
        {
            return true;
        }

        // A name that says it allocates (mt76_alloc_txwi, foo_kzalloc, bar_strdup), not one that asks about an
        // allocator (kmalloc_slab, kmalloc_size_roundup).
        var last = name.LastIndexOf('_');
        var tail = last < 0 ? name : name[(last + 1)..];
        if (tail is "slab" or "index" or "roundup" or "size" or "type" or "flags" or "track" or "usable" or "cache" or "caches" or "stats")
        {
            return false;
        }

        return name.Contains("alloc", StringComparison.Ordinal) || name.EndsWith("dup", StringComparison.Ordinal) || name.Contains("dup_", StringComparison.Ordinal) || name.EndsWith("_new", StringComparison.Ordinal);
    }

    private CallPosition Position()
    {
        var position = CallPosition.None;
        foreach (var h in _held)
        {
            if (h.Atomic)
            {
                position |= CallPosition.MaybeAtomic;
                if (h.Certain)
                {
                    position |= CallPosition.SurelyAtomic;
                }
            }
        }

        if (Guarded || (_conditionDepth >= 0 && _conditionGuard))
        {
            position |= CallPosition.Guarded;
        }

        if (_afterLabel || InUnbraced || (_frames.Count > 0 && _frames[^1].Conditional))
        {
            position |= CallPosition.Conditional;
        }

        return position;
    }

    private void CloseCalls()
    {
        while (_calls.Count > 0 && _calls[^1].Depth > _parens)
        {
            var call = _calls[^1];
            _calls.RemoveAt(_calls.Count - 1);
            var position = call.Position;
            // Whether the callee allocates is asked only of the few calls given a sleeping flag.
            if (call.SleepingFlag && !call.Choice && IsAllocator(Span(call.Index)))
            {
                position |= CallPosition.SleepingAllocation;
            }

            _sink.AddCall(Span(call.Index), call.Line, position, call.Cause?.By ?? string.Empty, call.Cause?.Line ?? 0);
        }
    }

    private void Lock(int nameIndex, LockPrimitive primitive)
    {
        var key = primitive.PseudoLock ?? ArgumentText(nameIndex + 1, primitive.LockArgument);
        var line = _tokens[nameIndex].Line;
        _lockFacts.Lock(primitive, key, line, OnMainLine && _parens == 0, _acquired);
        if (primitive.Action == LockAction.Release)
        {
            var at = _held.FindLastIndex(h => h.Key == key && !h.Scoped);
            if (at < 0)
            {
                // A second unlock on an error path ("out_unlock:") is not one of the caller's locks; one never taken here is.
                _releasesCallersLock |= !_acquired.Contains(key);
                return;
            }

            if (_frames.Count > 0)
            {
                _frames[^1].Released.Add(_held[at]);
            }

            _held.RemoveAt(at);
            return;
        }

        // A conditional acquisition (a trylock, one in a condition or under an unbraced if) is held only maybe.
        var certain = primitive.Action == LockAction.Acquire && !InUnbraced && _conditionDepth < 0 && _parens == 0;
        _acquired.Add(key);
        _held.Add(new Held(key, primitive.Kind.IsAtomic(), certain, _frames.Count, primitive.Name, line, false));
    }

    private Held? ForGuard(int nameIndex)
    {
        var open = nameIndex + 1;
        var type = Argument(open, 0);
        if (type < 0 || LockPrimitives.ForGuard(_tokens[type].Text(_text)) is not { } primitive)
        {
            return null;
        }

        var key = primitive.PseudoLock ?? _tokens[type].Text(_text);
        return new Held(key, primitive.Kind.IsAtomic(), _conditionDepth < 0 && !InUnbraced, _frames.Count, primitive.Name, _tokens[nameIndex].Line, true);
    }

    /// <summary>The single identifier (after an optional '&amp;') that is argument <paramref name="index"/> of the call at '(' <paramref name="open"/>, or -1.</summary>
    private int Argument(int open, int index)
    {
        var (start, end) = ArgumentRange(open, index);
        if (start < end && IsChar(start, '&'))
        {
            start++;
        }

        return end - start == 1 && IsIdent(start) ? start : -1;
    }

    private string ArgumentText(int open, int index) => TokenArguments.Text(_text, _tokens, open, index);

    private (int Start, int End) ArgumentRange(int open, int index) => TokenArguments.Range(_text, _tokens, open, index);

    private sealed record Held(string Key, bool Atomic, bool Certain, int Level, string By, int Line, bool Scoped);

    private sealed class Frame(bool guarded, bool conditional, bool ifGuard)
    {
        public bool Guarded { get; } = guarded;

        /// <summary>The block runs on some paths only: the body of an if, else or switch, or inside one.</summary>
        public bool Conditional { get; } = conditional;

        public bool IfGuard { get; } = ifGuard;

        public bool EndsWithExit { get; set; }

        public List<Held> Released { get; } = [];
    }

    /// <summary>A call whose arguments are being read (a struct: a tree has millions of calls).</summary>
    private struct OpenCall
    {
        /// <summary>The callee's name token.</summary>
        public int Index;

        public int Line;

        /// <summary>The paren depth of its arguments.</summary>
        public int Depth;

        public CallPosition Position;

        public Held? Cause;

        public bool SleepingFlag;

        public bool Choice;
    }
}

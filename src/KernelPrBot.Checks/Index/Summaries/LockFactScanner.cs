using KernelPrBot.Checks.Kernel;
using KernelPrBot.Checks.Source;

namespace KernelPrBot.Checks.Index.Summaries;

/// <summary>
/// Collects, during <see cref="FunctionBodyScanner"/>'s one pass over a body, the lock facts a caller can use
/// (<see cref="LockFact"/>): acquire and release wrappers, locks taken on every path, locks the function needs held
/// (<c>lockdep_assert_held()</c>, <c>__must_hold()</c>, <c>rcu_dereference_protected(…, lockdep_is_held(…))</c>), and
/// RCU reads outside a read-side section of its own. Only what holds on the body's main line counts: a lock taken in a
/// branch, or after an early return, is no fact about every call.
/// </summary>
internal sealed class LockFactScanner
{
    private const int MaxTakes = 3;

    private readonly string _text;
    private readonly List<Token> _tokens;
    private readonly int _open;
    private readonly int _end;
    private readonly List<string> _parameters;
    private readonly List<string?> _parameterTypes = [];
    private readonly string _path;
    private readonly List<Event> _events = [];
    private readonly List<LockFact> _requirements = [];
    private readonly Dictionary<string, bool> _locals = new(StringComparer.Ordinal);
    private (string By, int Line)? _rcuRead;
    private readonly List<string> _annotatedAcquires = [];
    private readonly List<string> _annotatedReleases = [];
    private LockFact? _forward;
    private bool _forwardAmbiguous;

    public LockFactScanner(string text, List<Token> tokens, int nameIndex, int open, int end, string path)
    {
        _path = path;
        _text = text;
        _tokens = tokens;
        _open = open;
        _end = end;
        _parameters = nameIndex >= 0 && IsChar(nameIndex + 1, '(') ? Parameters(nameIndex + 1) : [];
        if (nameIndex >= 0)
        {
            Annotations(nameIndex + 1);
        }
    }

    /// <summary>A return or goto has been seen: what follows is not on every path.</summary>
    public bool ExitSeen { get; set; }

    /// <summary>The function takes rcu_read_lock() (or SRCU, or asks whether RCU is held) somewhere.</summary>
    public bool ManagesRcu { get; set; }

    /// <summary>A call at token <paramref name="i"/> (a name before '(').</summary>
    public void Call(int i, CallPosition position, bool anyHeld, bool onMainLine, HashSet<string> acquired)
    {
        var name = _tokens[i].Span(_text);
        if (name.StartsWith("rcu_read_lock") || name.StartsWith("rcu_read_unlock") || name.StartsWith("srcu_read_"))
        {
            ManagesRcu = true;
            return;
        }

        var guarded = (position & CallPosition.Guarded) != 0;
        if (_events.Count == 0 && (name.Contains("lock", StringComparison.Ordinal) || name.Contains("claim", StringComparison.Ordinal) || name.Contains("release", StringComparison.Ordinal)) &&
            !name.StartsWith("lockdep", StringComparison.Ordinal) && LockPrimitives.Find(name) is null)
        {
            // A lock-named call before any primitive: the function may wrap a wrapper (lnet_net_lock() around cfs_percpt_lock()).
            if (_forward is not null || !onMainLine || guarded || ExitSeen)
            {
                _forwardAmbiguous = true;
            }
            else
            {
                var count = TokenArguments.Count(_text, _tokens, i + 1);
                var arguments = Enumerable.Range(0, Math.Max(0, count)).Select(a => Template(TokenArguments.Text(_text, _tokens, i + 1, a)) ?? "?");
                _forward = new LockFact(LockFact.Forwards, name.ToString(), string.Join(LockFact.ArgumentSeparator, arguments), _tokens[i].Line);
            }
        }

        // A read under any lock (a mutex too) is the update side's, however it is written: no contract for callers.
        if (_rcuRead is null && !anyHeld && !guarded && (name.StartsWith("rcu_dereference") || name.EndsWith("_rcu")))
        {
            var text = name.ToString();
            if (RcuAccessors.IsReader(text) && RcuAccessors.NeedsReadSection(text, TokenArguments.Count(_text, _tokens, i + 1)))
            {
                _rcuRead = (text, _tokens[i].Line);
            }
        }

        if (!onMainLine || guarded || !name.StartsWith("lockdep_assert_") && !name.Contains("dereference_protected", StringComparison.Ordinal))
        {
            return;
        }

        var line = _tokens[i].Line;
        if (name.StartsWith("lockdep_assert_held"))
        {
            Require(LockFact.Requires, TokenArguments.Text(_text, _tokens, i + 1, 0), name.ToString(), line, acquired);
        }
        else if (name.StartsWith("lockdep_assert_"))
        {
            // lockdep_assert_wiphy(wiphy): a wrapper whose own requirement the solver puts this argument into.
            if (TokenArguments.Count(_text, _tokens, i + 1) == 1)
            {
                Require(LockFact.RequiresByWrapper, TokenArguments.Text(_text, _tokens, i + 1, 0), name.ToString(), line, acquired);
            }
        }
        else if (RcuAccessors.LockdepHeldLock(TokenArguments.Text(_text, _tokens, i + 1, 1)) is { } key)
        {
            // rcu_dereference_protected(p, lockdep_is_held(&x)): the update side's lock, named. (The _check forms mean "RCU or x".)
            Require(LockFact.Requires, key, name.ToString(), line, acquired);
        }
    }

    /// <summary>A lock primitive's call: <paramref name="mainLine"/> when it stands on the body's main line as a statement of its own.</summary>
    public void Lock(LockPrimitive primitive, string key, int line, bool mainLine, HashSet<string> acquired)
    {
        if (primitive.PseudoLock is not null)
        {
            ManagesRcu |= primitive.PseudoLock.StartsWith("rcu", StringComparison.Ordinal);
            return;
        }

        _events.Add(new Event(primitive, key, line, mainLine && !ExitSeen, acquired.Contains(key)));
        if (primitive is { Action: not LockAction.Release, Kind: LockKind.Spin or LockKind.RawSpin } && ClassOf(key) is { } lockClass)
        {
            _classes.Add(new LockFact(LockFact.TakesClass, lockClass, primitive.Name, line));
        }
    }

    private readonly List<LockFact> _classes = [];

    /// <summary>
    /// The lock class of "&amp;root-&gt;field…": the struct type of a parameter or local declared "struct type *root", or a
    /// variable of this file. Null for anything else (a lock reached through a pointer, or a root of unknown type).
    /// </summary>
    private string? ClassOf(string key)
    {
        if (!key.StartsWith('&') || !LockTemplates.IsAccessPath(key[1..]))
        {
            return null;
        }

        var path = key[1..];
        var root = LockTemplates.RootOf(path);
        var rest = path[root.Length..];
        var parameter = _parameters.LastIndexOf(root);
        if (parameter >= 0)
        {
            return _parameterTypes[parameter] is { } type && rest.Length > 0 ? type + rest : null;
        }

        if (LocalStructType(root) is { } localType)
        {
            return rest.Length > 0 ? localType + rest : null;
        }

        return IsLocal(root) ? null : _path + ":" + path;
    }

    /// <summary>"struct T *root" declared in the body: T followed by the rest, or null.</summary>
    private string? LocalStructType(string root)
    {
        for (var k = _open + 1; k < _end; k++)
        {
            if (_tokens[k].Kind == TokenKind.Identifier && _tokens[k].Is(_text, root) && IsChar(k - 1, '*'))
            {
                var before = k - 1;
                while (IsChar(before, '*'))
                {
                    before--;
                }

                if (before - 1 > _open && _tokens[before].Kind == TokenKind.Identifier && _tokens[before - 1].Is(_text, "struct"))
                {
                    return _tokens[before].Text(_text);
                }
            }
        }

        return null;
    }

    /// <summary>The facts of the function, once its body has been scanned.</summary>
    public IEnumerable<LockFact> Facts()
    {
        if (_events.Count == 0 && _forward is not null && !_forwardAmbiguous)
        {
            yield return _forward;
        }

        if (Annotated() is { } annotated)
        {
            yield return annotated;
        }
        else if (_events.Count == 1 && _events[0] is { OnEveryPath: true } only && Template(only.Key) is { } single)
        {
            if (only.Primitive.Action == LockAction.Acquire)
            {
                yield return new LockFact(LockFact.Acquires, single, only.Primitive.Name, only.Line);
            }
            else if (only.Primitive.Action == LockAction.Release && !only.TakenBefore)
            {
                yield return new LockFact(LockFact.Releases, single, only.Primitive.Name, only.Line);
            }
        }
        else
        {
            var takes = 0;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var e in _events)
            {
                // Read sides too: one that meets the caller's write hold waits for it forever.
                if (takes < MaxTakes && e.OnEveryPath && e.Primitive is { Action: LockAction.Acquire } &&
                    (!e.Primitive.MayRetake || e.Primitive.Kind is LockKind.RwSemaphore or LockKind.ReadWrite && !e.Primitive.Name.Contains("nested", StringComparison.Ordinal)) &&
                    seen.Add(e.Key) && Template(e.Key) is { } taken)
                {
                    takes++;
                    yield return new LockFact(LockFact.Takes, taken, e.Primitive.Name, e.Line);
                }
            }
        }

        foreach (var requirement in _requirements.DistinctBy(r => (r.Kind, r.Lock)))
        {
            yield return requirement;
        }

        foreach (var taken in _classes.DistinctBy(c => (c.Lock, c.By)))
        {
            yield return taken;
        }

        if (ManagesRcu)
        {
            yield return new LockFact(LockFact.ManagesRcu, "rcu", string.Empty, 0);
        }
        else if (_rcuRead is { } read)
        {
            yield return new LockFact(LockFact.NeedsRcu, "rcu", read.By, read.Line);
        }
    }

    /// <summary>
    /// Sparse's <c>__acquires(x)</c> (or <c>__releases(x)</c>) alone on a function whose body takes (drops) locks of one
    /// kind, more than once or under conditions (cfs_percpt_lock() takes one per-CPU lock or all of them): the
    /// annotation is the contract, the body's primitive its kind. Null when the body already is a plain wrapper.
    /// </summary>
    private LockFact? Annotated()
    {
        var releases = _annotatedReleases.Count == 1 && _annotatedAcquires.Count == 0;
        if ((_annotatedAcquires.Count != 1 || _annotatedReleases.Count != 0) && !releases)
        {
            return null;
        }

        var action = releases ? LockAction.Release : LockAction.Acquire;
        var matching = _events.Where(e => releases ? e.Primitive.Action == LockAction.Release : e.Primitive.Action != LockAction.Release).ToList();
        if (matching.Count == 0 || matching.Any(e => e.Primitive.Kind != matching[0].Primitive.Kind) || (_events.Count == 1 && _events[0].OnEveryPath && Template(_events[0].Key) is not null))
        {
            return null;
        }

        var primitive = matching[0].Primitive.Action == action ? matching[0].Primitive : LockPrimitives.Find(matching[0].Primitive.Release ?? string.Empty) ?? matching[0].Primitive;
        var key = releases ? _annotatedReleases[0] : _annotatedAcquires[0];
        return Template(key) is { } template ? new LockFact(releases ? LockFact.Releases : LockFact.Acquires, template, primitive.Name, matching[0].Line) : null;
    }

    private void Require(char kind, string key, string by, int line, HashSet<string> acquired)
    {
        // A lock the function took itself before asserting it is no requirement on its callers.
        if (key.Length > 0 && !acquired.Contains(key) && Template(key) is { } template)
        {
            _requirements.Add(new LockFact(kind, template, by, line));
        }
    }

    private string? Template(string key) => LockTemplates.From(key, _parameters, IsLocal);

    /// <summary>Whether the body declares <paramref name="name"/>: it follows a type name or a '*' that follows one.</summary>
    private bool IsLocal(string name)
    {
        if (_locals.TryGetValue(name, out var local))
        {
            return local;
        }

        for (var k = _open + 1; k < _end && !local; k++)
        {
            if (_tokens[k].Kind != TokenKind.Identifier || !_tokens[k].Is(_text, name))
            {
                continue;
            }

            var before = k - 1;
            while (IsChar(before, '*'))
            {
                before--;
            }

            local = before > _open && _tokens[before].Kind == TokenKind.Identifier && !IsKeyword(_tokens[before].Text(_text));
        }

        return _locals[name] = local;
    }

    private static bool IsKeyword(string word) => word is "return" or "case" or "goto" or "sizeof" or "else" or "do" or "typeof";

    private bool IsChar(int i, char c) => i >= 0 && i < _tokens.Count && _tokens[i] is { Kind: TokenKind.Punctuator, Length: 1 } t && _text[t.Start] == c;

    /// <summary>The parameter names of the list whose '(' is at <paramref name="open"/>: each one's last name, or the name of a function pointer "(*cb)".</summary>
    private List<string> Parameters(int open)
    {
        var names = new List<string>();
        var count = TokenArguments.Count(_text, _tokens, open);
        for (var p = 0; p < count; p++)
        {
            var (start, end) = TokenArguments.Range(_text, _tokens, open, p);
            string? name = null;
            var depth = 0;
            for (var k = start; k < end; k++)
            {
                if (IsChar(k, '(') || IsChar(k, '['))
                {
                    depth++;
                }
                else if (IsChar(k, ')') || IsChar(k, ']'))
                {
                    depth--;
                }
                else if (_tokens[k].Kind == TokenKind.Identifier && (depth == 0 || (IsChar(k - 1, '*') && IsChar(k - 2, '('))))
                {
                    name = _tokens[k].Text(_text);
                    if (depth > 0)
                    {
                        break;
                    }
                }
            }

            names.Add(name is null or "void" ? string.Empty : name);
            string? type = null;
            for (var k = start; k + 1 < end; k++)
            {
                if (_tokens[k].Is(_text, "struct") && _tokens[k + 1].Kind == TokenKind.Identifier)
                {
                    type = _tokens[k + 1].Text(_text);
                    break;
                }
            }

            _parameterTypes.Add(type);
        }

        return names;
    }

    /// <summary>Sparse's <c>__must_hold(x)</c> between the parameter list and the body: a requirement as given.</summary>
    private void Annotations(int open)
    {
        var close = open;
        for (var depth = 0; close < _open; close++)
        {
            if (IsChar(close, '('))
            {
                depth++;
            }
            else if (IsChar(close, ')') && --depth == 0)
            {
                break;
            }
        }

        for (var k = close + 1; k + 1 < _open; k++)
        {
            if (_tokens[k].Is(_text, "__must_hold") && IsChar(k + 1, '('))
            {
                Require(LockFact.Requires, TokenArguments.Text(_text, _tokens, k + 1, 0), "__must_hold", _tokens[k].Line, []);
            }
            else if (_tokens[k].Is(_text, "__acquires") && IsChar(k + 1, '('))
            {
                _annotatedAcquires.Add(TokenArguments.Text(_text, _tokens, k + 1, 0));
            }
            else if (_tokens[k].Is(_text, "__releases") && IsChar(k + 1, '('))
            {
                _annotatedReleases.Add(TokenArguments.Text(_text, _tokens, k + 1, 0));
            }
            else if (_tokens[k].Is(_text, "__cond_acquires") || _tokens[k].Is(_text, "__cond_releases"))
            {
                _annotatedAcquires.Add("?");
                _annotatedAcquires.Add("?"); // conditional: no contract for every path
            }
        }
    }

    private sealed record Event(LockPrimitive Primitive, string Key, int Line, bool OnEveryPath, bool TakenBefore);
}

namespace KernelPrBot.Checks.Index.Summaries;

/// <summary>
/// What a function does with a lock its caller can name, as the index keeps it. <see cref="Lock"/> is a lock
/// template (<see cref="LockTemplates"/>): the expression with a parameter written <c>{i}</c> (<c>&amp;{0}-&gt;mutex</c>),
/// or a global's expression as it is (<c>&amp;rtnl_mutex</c>). <see cref="By"/> is the call that shows it, at
/// <see cref="Path"/>:<see cref="Line"/> (the path is empty while the function's own file is being scanned).
/// </summary>
/// <param name="Via">For a wrapper of a wrapper: the wrapper it calls at <see cref="Line"/> (which takes the lock with <see cref="By"/>).</param>
public sealed record LockFact(char Kind, string Lock, string By, int Line, string Path = "", string Via = "")
{
    /// <summary>Returns holding the lock on every path: an acquire wrapper (<c>wiphy_lock()</c>).</summary>
    public const char Acquires = 'T';

    /// <summary>Drops a lock it did not take, on every path: a release wrapper (<c>wiphy_unlock()</c>).</summary>
    public const char Releases = 'U';

    /// <summary>Takes a non-recursive lock on every path (and may release it): a caller holding it deadlocks.</summary>
    public const char Takes = 'K';

    /// <summary>Needs the lock held by its caller: <c>lockdep_assert_held()</c>, <c>__must_hold()</c>, a protected accessor naming it.</summary>
    public const char Requires = 'Q';

    /// <summary>While scanning only: a call of a lockdep_assert_*() wrapper given this argument, resolved by the solver.</summary>
    public const char RequiresByWrapper = 'q';

    /// <summary>While scanning only: reads RCU-protected data outside a read-side section of its own.</summary>
    public const char NeedsRcu = 'R';

    /// <summary>While scanning only: takes rcu_read_lock() (or SRCU) somewhere: its callers' RCU is not its requirement.</summary>
    public const char ManagesRcu = 'M';

    /// <summary>
    /// While scanning only: takes a spinlock of a lock class (<see cref="Lock"/> is the class, as lockdep keys it: the
    /// struct type and field path, <c>acme_priv-&gt;lock</c>, or a file's variable, <c>drivers/x.c:acme_lock</c>).
    /// </summary>
    public const char TakesClass = 'A';

    /// <summary>While scanning only: the function's one lock call on its main line is of another function, not a primitive
    /// (<see cref="Lock"/> is its name, <see cref="By"/> its arguments' templates joined by U+0002): it may be a wrapper of a wrapper.</summary>
    public const char Forwards = 'W';

    public const char ArgumentSeparator = '\u0002';

    public override string ToString() =>
        Via.Length > 0 ? $"{Via}() ({Path}:{Line}), which {(Kind == Releases ? "drops" : "takes")} it with {By}()" : Path.Length == 0 ? $"{By}() at line {Line}" : $"{By}() ({Path}:{Line})";
}

namespace KernelPrBot.Checks.Kernel;

/// <summary>
/// Reads of RCU-protected pointers that must be inside an RCU read-side section (include/linux/rcupdate.h,
/// rculist.h). The <c>_protected</c> and <c>_check</c> forms, and list walkers given their optional lockdep
/// condition, say how they are protected and are not listed.
/// </summary>
public static class RcuAccessors
{
    /// <summary>Name → the argument count at which the walker carries its own lockdep condition (0 = never).</summary>
    private static readonly Dictionary<string, int> Accessors = new(StringComparer.Ordinal)
    {
        ["rcu_dereference"] = 0,
        ["rcu_dereference_bh"] = 0,
        ["rcu_dereference_sched"] = 0,
        ["list_for_each_entry_rcu"] = 4,
        ["hlist_for_each_entry_rcu"] = 4,
        ["list_first_or_null_rcu"] = 0,
        ["list_next_or_null_rcu"] = 0,
        ["list_entry_rcu"] = 0,
        ["hlist_first_rcu"] = 0,
        ["hlist_next_rcu"] = 0,
    };

    /// <summary>True when a call with this many arguments needs a read-side section.</summary>
    public static bool NeedsReadSection(string name, int argumentCount) =>
        Accessors.TryGetValue(name, out var withCondition) && (withCondition == 0 || argumentCount < withCondition);

    public static bool IsAccessor(string name) => Accessors.ContainsKey(name);

    /// <summary>
    /// An accessor that reads through the pointer (rcu_dereference(), the list walkers), not one that only names an
    /// RCU pointer's slot (hlist_first_rcu(), list_entry_rcu()), which update-side code uses as an lvalue too.
    /// </summary>
    public static bool IsReader(string name) =>
        name.StartsWith("rcu_dereference", StringComparison.Ordinal) || name.StartsWith("list_for_each_entry", StringComparison.Ordinal) ||
        name.StartsWith("hlist_for_each_entry", StringComparison.Ordinal) || name is "list_first_or_null_rcu" or "list_next_or_null_rcu";

    /// <summary>
    /// Accessors that name the update-side protection instead of a read section: rcu_dereference_protected() and
    /// _check(), and the subsystem wrappers named *_dereference() (rtnl_dereference(), wiphy_dereference(),
    /// mt76_dereference()). SRCU's srcu_dereference*() are read-side accessors of their own and do not count.
    /// </summary>
    public static bool IsProtectedAccessor(string name) =>
        !Accessors.ContainsKey(name) && !name.StartsWith("srcu_", StringComparison.Ordinal) &&
        (name.Contains("dereference_protected", StringComparison.Ordinal) || name.Contains("dereference_check", StringComparison.Ordinal) ||
         name.EndsWith("_dereference", StringComparison.Ordinal));

    /// <summary>
    /// The lock of a protected accessor's condition when it is exactly <c>lockdep_is_held(x)</c> (white space removed);
    /// null for anything else (<c>||</c>, <c>&amp;&amp;</c>, a call inside), which names no one lock.
    /// </summary>
    public static string? LockdepHeldLock(string condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        const string Prefix = "lockdep_is_held(";
        if (!condition.StartsWith(Prefix, StringComparison.Ordinal) || !condition.EndsWith(')') || condition.Contains("||", StringComparison.Ordinal) || condition.Contains("&&", StringComparison.Ordinal))
        {
            return null;
        }

        var inner = condition[Prefix.Length..^1];
        return inner.Contains('(', StringComparison.Ordinal) ? null : inner;
    }
}

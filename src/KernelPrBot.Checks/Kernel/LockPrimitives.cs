namespace KernelPrBot.Checks.Kernel;

/// <summary>
/// The lock and atomic-section calls of the kernel (KERNEL-NOTES §5.3, include/linux/spinlock.h, mutex.h,
/// rwsem.h, semaphore.h, rcupdate.h, preempt.h, irqflags.h, bottom_half.h), and the cleanup.h guard names.
/// </summary>
public static class LockPrimitives
{
    private static readonly Dictionary<string, LockPrimitive> ByName = Build();

    private static readonly Dictionary<string, LockPrimitive>.AlternateLookup<ReadOnlySpan<char>> BySpan = ByName.GetAlternateLookup<ReadOnlySpan<char>>();

    public static LockPrimitive? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>Looks a name up without making a string of it (the index scans every call of a tree).</summary>
    public static LockPrimitive? Find(ReadOnlySpan<char> name) => BySpan.TryGetValue(name, out var primitive) ? primitive : null;

    /// <summary>What a <c>guard(name)</c> / <c>scoped_guard(name, …)</c> holds, as the acquire it stands for.</summary>
    public static LockPrimitive? ForGuard(string guardName) => guardName switch
    {
        "mutex" or "mutex_intr" => Find("mutex_lock"),
        "spinlock" => Find("spin_lock"),
        "spinlock_irq" => Find("spin_lock_irq"),
        "spinlock_bh" => Find("spin_lock_bh"),
        "spinlock_irqsave" => Find("spin_lock_irqsave"),
        "spinlock_try" or "spinlock_irqsave_try" or "spinlock_irq_try" or "spinlock_bh_try" => Find("spin_lock"),
        "raw_spinlock" or "raw_spinlock_irq" or "raw_spinlock_irqsave" or "raw_spinlock_try" => Find("raw_spin_lock"),
        "read_lock" or "read_lock_irq" or "read_lock_irqsave" or "read_lock_bh" => Find("read_lock"),
        "write_lock" or "write_lock_irq" or "write_lock_irqsave" or "write_lock_bh" => Find("write_lock"),
        "rwsem_read" or "rwsem_read_intr" or "rwsem_read_try" => Find("down_read"),
        "rwsem_write" or "rwsem_write_try" => Find("down_write"),
        "rcu" => Find("rcu_read_lock"),
        "preempt" or "preempt_notrace" or "migrate" => Find("preempt_disable"),
        "irq" or "irqsave" => Find("local_irq_disable"),
        _ => null,
    };

    private static Dictionary<string, LockPrimitive> Build()
    {
        var list = new List<LockPrimitive>();
        void Pair(string acquire, string release, LockKind kind, int arg = 0, string? pseudo = null, LockAction action = LockAction.Acquire, bool mayRetake = false)
        {
            list.Add(new LockPrimitive(acquire, action, kind, arg, pseudo, release) { MayRetake = mayRetake || kind == LockKind.Semaphore });
            if (!list.Any(p => p.Name == release))
            {
                list.Add(new LockPrimitive(release, LockAction.Release, kind, arg, pseudo, null));
            }
        }

        foreach (var (prefix, kind) in new[] { ("spin", LockKind.Spin), ("raw_spin", LockKind.RawSpin), ("read", LockKind.ReadWrite), ("write", LockKind.ReadWrite) })
        {
            var reads = prefix == "read"; // recursive reads of an rwlock_t are allowed
            Pair($"{prefix}_lock", $"{prefix}_unlock", kind, mayRetake: reads);
            Pair($"{prefix}_lock_nested", $"{prefix}_unlock", kind, mayRetake: true);
            Pair($"{prefix}_lock_bh", $"{prefix}_unlock_bh", kind, mayRetake: reads);
            Pair($"{prefix}_lock_irq", $"{prefix}_unlock_irq", kind, mayRetake: reads);
            Pair($"{prefix}_lock_irqsave", $"{prefix}_unlock_irqrestore", kind, mayRetake: reads);
            Pair($"{prefix}_lock_irqsave_nested", $"{prefix}_unlock_irqrestore", kind, mayRetake: true);
            Pair($"{prefix}_trylock", $"{prefix}_unlock", kind, action: LockAction.TryAcquireNonZero);
            Pair($"{prefix}_trylock_bh", $"{prefix}_unlock_bh", kind, action: LockAction.TryAcquireNonZero);
            Pair($"{prefix}_trylock_irq", $"{prefix}_unlock_irq", kind, action: LockAction.TryAcquireNonZero);
            Pair($"{prefix}_trylock_irqsave", $"{prefix}_unlock_irqrestore", kind, action: LockAction.TryAcquireNonZero);
        }

        Pair("mutex_lock", "mutex_unlock", LockKind.Mutex);
        Pair("mutex_lock_nested", "mutex_unlock", LockKind.Mutex, mayRetake: true);
        Pair("mutex_lock_io", "mutex_unlock", LockKind.Mutex);
        Pair("mutex_lock_interruptible", "mutex_unlock", LockKind.Mutex, action: LockAction.TryAcquireZero);
        Pair("mutex_lock_interruptible_nested", "mutex_unlock", LockKind.Mutex, action: LockAction.TryAcquireZero, mayRetake: true);
        Pair("mutex_lock_killable", "mutex_unlock", LockKind.Mutex, action: LockAction.TryAcquireZero);
        Pair("mutex_lock_killable_nested", "mutex_unlock", LockKind.Mutex, action: LockAction.TryAcquireZero, mayRetake: true);
        Pair("mutex_trylock", "mutex_unlock", LockKind.Mutex, action: LockAction.TryAcquireNonZero);
        Pair("down", "up", LockKind.Semaphore);
        Pair("down_interruptible", "up", LockKind.Semaphore, action: LockAction.TryAcquireZero);
        Pair("down_killable", "up", LockKind.Semaphore, action: LockAction.TryAcquireZero);
        Pair("down_trylock", "up", LockKind.Semaphore, action: LockAction.TryAcquireZero);
        Pair("down_read", "up_read", LockKind.RwSemaphore, mayRetake: true);
        Pair("down_read_nested", "up_read", LockKind.RwSemaphore, mayRetake: true);
        Pair("down_read_killable", "up_read", LockKind.RwSemaphore, action: LockAction.TryAcquireZero, mayRetake: true);
        Pair("down_read_interruptible", "up_read", LockKind.RwSemaphore, action: LockAction.TryAcquireZero, mayRetake: true);
        Pair("down_read_trylock", "up_read", LockKind.RwSemaphore, action: LockAction.TryAcquireNonZero);
        Pair("down_write", "up_write", LockKind.RwSemaphore);
        Pair("down_write_nested", "up_write", LockKind.RwSemaphore, mayRetake: true);
        Pair("down_write_killable", "up_write", LockKind.RwSemaphore, action: LockAction.TryAcquireZero);
        Pair("down_write_trylock", "up_write", LockKind.RwSemaphore, action: LockAction.TryAcquireNonZero);
        // The XArray's own spinlock (include/linux/xarray.h: xa_lock(xa) is spin_lock(&(xa)->xa_lock), xas_lock(xas)
        // is xa_lock((xas)->xa)); the lock is named by the array (or the state) it protects.
        foreach (var prefix in new[] { "xa", "xas" })
        {
            Pair($"{prefix}_lock", $"{prefix}_unlock", LockKind.Spin);
            Pair($"{prefix}_lock_bh", $"{prefix}_unlock_bh", LockKind.Spin);
            Pair($"{prefix}_lock_irq", $"{prefix}_unlock_irq", LockKind.Spin);
            Pair($"{prefix}_lock_irqsave", $"{prefix}_unlock_irqrestore", LockKind.Spin);
        }

        Pair("xa_lock_nested", "xa_unlock", LockKind.Spin, mayRetake: true);
        Pair("xa_lock_bh_nested", "xa_unlock_bh", LockKind.Spin, mayRetake: true);
        Pair("xa_lock_irq_nested", "xa_unlock_irq", LockKind.Spin, mayRetake: true);
        Pair("xa_lock_irqsave_nested", "xa_unlock_irqrestore", LockKind.Spin, mayRetake: true);
        Pair("xa_trylock", "xa_unlock", LockKind.Spin, action: LockAction.TryAcquireNonZero);

        // Claims that hold like a sleeping lock: the host is the caller's alone until released (drivers/mmc/core/core.c
        // __mmc_claim_host() waits for it; sdio_io.c: "Claim a bus for a set of operations").
        Pair("mmc_claim_host", "mmc_release_host", LockKind.Mutex, mayRetake: true);
        Pair("sdio_claim_host", "sdio_release_host", LockKind.Mutex, mayRetake: true);
        Pair("rcu_read_lock", "rcu_read_unlock", LockKind.Rcu, -1, "rcu");
        Pair("rcu_read_lock_bh", "rcu_read_unlock_bh", LockKind.Rcu, -1, "rcu_bh");
        Pair("rcu_read_lock_sched", "rcu_read_unlock_sched", LockKind.Rcu, -1, "rcu_sched");
        Pair("local_irq_disable", "local_irq_enable", LockKind.IrqsOff, -1, "irq");
        Pair("local_irq_save", "local_irq_restore", LockKind.IrqsOff, -1, "irq");
        Pair("raw_local_irq_disable", "raw_local_irq_enable", LockKind.IrqsOff, -1, "irq");
        Pair("raw_local_irq_save", "raw_local_irq_restore", LockKind.IrqsOff, -1, "irq");
        Pair("local_bh_disable", "local_bh_enable", LockKind.BhOff, -1, "bh");
        Pair("preempt_disable", "preempt_enable", LockKind.PreemptOff, -1, "preempt");
        Pair("get_cpu", "put_cpu", LockKind.PreemptOff, -1, "preempt");
        Pair("get_cpu_var", "put_cpu_var", LockKind.PreemptOff, -1, "preempt");
        // Releases that differ from the paired name only in tracing or rescheduling behaviour.
        foreach (var (name, pseudo, kind) in new[]
                 {
                     ("preempt_enable_no_resched", "preempt", LockKind.PreemptOff), ("preempt_enable_notrace", "preempt", LockKind.PreemptOff),
                     ("sched_preempt_enable_no_resched", "preempt", LockKind.PreemptOff), ("preempt_enable_no_resched_notrace", "preempt", LockKind.PreemptOff),
                     ("rcu_read_unlock_notrace", "rcu", LockKind.Rcu), ("rcu_read_unlock_sched_notrace", "rcu_sched", LockKind.Rcu),
                 })
        {
            list.Add(new LockPrimitive(name, LockAction.Release, kind, -1, pseudo, null));
        }

        list.Add(new LockPrimitive("preempt_disable_notrace", LockAction.Acquire, LockKind.PreemptOff, -1, "preempt", "preempt_enable_notrace"));
        list.Add(new LockPrimitive("rcu_read_lock_sched_notrace", LockAction.Acquire, LockKind.Rcu, -1, "rcu_sched", "rcu_read_unlock_sched_notrace"));
        return list.GroupBy(p => p.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }
}

namespace KernelPrBot.Checks.Kernel;

/// <summary>
/// Registrations whose callback runs in atomic context (KERNEL-NOTES §5.4), with the index of the callback
/// argument and the context it runs in. request_threaded_irq's thread function is process context and not listed.
/// </summary>
public static class AtomicCallbacks
{
    private static readonly Dictionary<string, (int Argument, string Context)> Registrations = new(StringComparer.Ordinal)
    {
        ["request_irq"] = (1, "hard-IRQ handler"),
        ["request_threaded_irq"] = (1, "hard-IRQ handler"),
        ["request_any_context_irq"] = (1, "IRQ handler"),
        ["devm_request_irq"] = (2, "hard-IRQ handler"),
        ["devm_request_threaded_irq"] = (2, "hard-IRQ handler"),
        ["pci_request_irq"] = (2, "hard-IRQ handler"),
        ["request_percpu_irq"] = (1, "hard-IRQ handler"),
        ["timer_setup"] = (1, "timer callback (softirq)"),
        ["tasklet_setup"] = (1, "tasklet (softirq)"),
        ["tasklet_init"] = (1, "tasklet (softirq)"),
        ["call_rcu"] = (1, "RCU callback (softirq)"),
        ["call_rcu_hurry"] = (1, "RCU callback (softirq)"),
        ["netif_napi_add"] = (2, "NAPI poll (softirq)"),
        ["netif_napi_add_weight"] = (2, "NAPI poll (softirq)"),
        ["netif_napi_add_tx"] = (2, "NAPI poll (softirq)"),
        ["netif_napi_add_tx_weight"] = (2, "NAPI poll (softirq)"),
        ["hrtimer_setup"] = (1, "hrtimer callback (hard IRQ)"),
    };

    private static readonly Dictionary<string, (int Argument, string Context)>.AlternateLookup<ReadOnlySpan<char>> BySpan = Registrations.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Whether a name registers an atomic callback, without making a string of it.</summary>
    public static bool IsRegistration(ReadOnlySpan<char> name) => BySpan.ContainsKey(name);

    public static bool TryGet(string registration, out int argument, out string context)
    {
        if (Registrations.TryGetValue(registration, out var entry))
        {
            (argument, context) = entry;
            return true;
        }

        argument = -1;
        context = string.Empty;
        return false;
    }

    /// <summary>The field assignments that register a callback: <c>timer.function = fn</c> for hrtimers.</summary>
    public static string? ForFieldAssignment(string field) => field == "function" ? "hrtimer callback (hard IRQ)" : null;
}

namespace KernelPrBot.EndToEnd.Tests;

/// <summary>Waits for the asynchronous worker to reach a state; fails with a description if it never does.</summary>
internal static class Eventually
{
    /// <summary>What to print when a wait fails: the fake forge's recent requests, say.</summary>
    public static Func<string>? Diagnostics { get; set; }

    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("never happened: " + what + "\n" + Diagnostics?.Invoke());
            }

            await Task.Delay(50);
        }
    }

    public static Task HoldsAsync(Func<bool> condition, string what, int seconds = 60) =>
        HoldsAsync(() => Task.FromResult(condition()), what, seconds);
}

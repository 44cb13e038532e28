namespace KernelPrBot.EndToEnd.Tests;

/// <summary>Waits for the asynchronous worker to reach a state; fails with a description if it never does.</summary>
internal static class Eventually
{
    public static async Task HoldsAsync(Func<bool> condition, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("never happened: " + what);
            }

            await Task.Delay(50);
        }
    }
}

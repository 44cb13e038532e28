using KernelPrBot.Hosting.Queues;

namespace KernelPrBot.Hosting.Tests;

/// <summary>
/// Run as <c>dotnet KernelPrBot.Hosting.Tests.dll lease PATH TIMEOUT_MS</c>: leases one item, prints its
/// message id and attempt, then hangs "mid-job" until it is killed. The kill test starts it.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is not ["lease", var path, var timeoutMs])
        {
            await Console.Error.WriteLineAsync("usage: lease PATH TIMEOUT_MS");
            return 2;
        }

        var queue = new SqliteReviewQueue(new SqliteQueueOptions
        {
            Path = path,
            VisibilityTimeout = TimeSpan.FromMilliseconds(int.Parse(timeoutMs, System.Globalization.CultureInfo.InvariantCulture)),
        });
        var item = await queue.TryDequeueAsync();
        Console.WriteLine(item is null ? "empty" : $"{item.MessageId} {item.Attempt}");
        await Task.Delay(Timeout.Infinite);
        return 0;
    }
}

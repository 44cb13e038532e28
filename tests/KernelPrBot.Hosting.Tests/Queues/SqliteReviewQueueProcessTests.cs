using System.Diagnostics;
using KernelPrBot.Hosting.Queues;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Hosting.Tests.Queues;

/// <summary>A second process leases an item and is killed with SIGKILL mid-job, as in a server crash.</summary>
public sealed class SqliteReviewQueueProcessTests : IDisposable
{
    private static readonly TimeSpan Visibility = TimeSpan.FromSeconds(2);

    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task An_item_leased_by_a_killed_process_comes_back_after_the_visibility_timeout_with_its_attempt_count()
    {
        var queue = new SqliteReviewQueue(new SqliteQueueOptions { Path = _db.Path, VisibilityTimeout = Visibility });
        await queue.EnqueueAsync(Requests.Pr(1));
        await queue.EnqueueAsync(Requests.Pr(2));

        var (messageId, attempt) = await LeaseInChildAndKillAsync();
        Assert.Equal(1, attempt);
        var killedAt = DateTimeOffset.UtcNow;

        // The other item is served at once; the dead process's item stays leased until its timeout.
        var other = await queue.TryDequeueAsync();
        Assert.NotNull(other);
        Assert.NotEqual(messageId, other.MessageId);
        await queue.CompleteAsync(other);
        Assert.Null(await queue.TryDequeueAsync());

        await Task.Delay(Visibility - (DateTimeOffset.UtcNow - killedAt) + TimeSpan.FromMilliseconds(100));
        var back = await queue.TryDequeueAsync();
        Assert.NotNull(back);
        Assert.Equal(messageId, back.MessageId);
        Assert.Equal(2, back.Attempt);
        await queue.CompleteAsync(back);
        Assert.Null(await queue.TryDequeueAsync());
    }

    private async Task<(string MessageId, int Attempt)> LeaseInChildAndKillAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { typeof(Program).Assembly.Location, "lease", _db.OtherSpelling, ((int)Visibility.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        using var child = ChildProcess.Start(start);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var line = await child.Process.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException("child said nothing: " + await child.Process.StandardError.ReadToEndAsync(timeout.Token));
            var parts = line.Split(' ');
            return (parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            child.Kill(); // SIGKILL: no cleanup runs in the child
        }
    }
}

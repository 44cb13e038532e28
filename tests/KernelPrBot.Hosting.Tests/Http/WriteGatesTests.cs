using KernelPrBot.Hosting.Http;
using Xunit;

namespace KernelPrBot.Hosting.Tests.Http;

public sealed class WriteGatesTests
{
    [Fact]
    public async Task One_key_is_held_by_one_caller_at_a_time()
    {
        var gates = new WriteGates();
        var first = await gates.EnterAsync("k", CancellationToken.None);
        var second = gates.EnterAsync("k", CancellationToken.None);
        var other = await gates.EnterAsync("other", CancellationToken.None);
        Assert.False(second.IsCompleted);
        first.Lock.Release();
        Assert.Same(first, await second);
        other.Lock.Release();
    }

    [Fact]
    public async Task Idle_gates_are_dropped_once_there_are_many_but_held_ones_stay()
    {
        var gates = new WriteGates();
        var held = await gates.EnterAsync("held", CancellationToken.None);
        for (var i = 0; i < 1100; i++)
        {
            (await gates.EnterAsync("k" + i, CancellationToken.None)).Lock.Release();
        }

        var last = await gates.EnterAsync("last", CancellationToken.None);
        Assert.InRange(gates.Count, 2, 1024);
        var waiter = gates.EnterAsync("held", CancellationToken.None);
        Assert.False(waiter.IsCompleted);
        held.Lock.Release();
        (await waiter).Lock.Release();
        last.Lock.Release();
    }
}

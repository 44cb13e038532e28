namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>Server-wide ids: GitHub's comment, review and check-run ids are unique across repositories.</summary>
internal sealed class IdSource
{
    private long _next = 100_000;

    public long Next() => Interlocked.Increment(ref _next);
}

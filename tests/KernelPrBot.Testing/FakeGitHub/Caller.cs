namespace KernelPrBot.Testing.FakeGitHub;

internal enum CallerKind
{
    Anonymous,
    App,
    Installation,
    User,
}

/// <summary>Who a request's credentials act as. <see cref="RateKey"/> names the rate-limit bucket.</summary>
internal sealed record Caller(CallerKind Kind, string? Login, string? Type, long? InstallationId, string RateKey)
{
    public static readonly Caller Anonymous = new(CallerKind.Anonymous, null, null, null, "anonymous");

    public FakeUser? User => Login is null || Type is null ? null : new FakeUser(Login, Type);
}

using KernelPrBot.Testing.FakeGitHub;
using Xunit;

namespace KernelPrBot.EndToEnd.Tests;

/// <summary>One fake GitHub and one server for every case of the command matrix; each case opens its own PR.</summary>
public sealed class GitHubCommandFixture : IAsyncLifetime
{
    public static readonly string[] Levels = ["none", "read", "triage", "write", "maintain", "admin"];

    public FakeGitHubServer GitHub { get; private set; } = null!;

    internal BotServer Bot { get; private set; } = null!;

    public FakeRepository Repo { get; private set; } = null!;

    public HttpClient Http { get; } = new();

    public async Task InitializeAsync()
    {
        GitHub = await FakeGitHubServer.StartAsync();
        Bot = await BotServer.StartAsync(GitHub);
        Repo = GitHub.AddRepository("acme", "commands", installationId: 88);
        foreach (var level in Levels)
        {
            Repo.SetPermission("u-" + level, level);
        }
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Bot.DisposeAsync();
        await GitHub.DisposeAsync();
    }
}

using KernelPrBot.Testing;
using KernelPrBot.Testing.FakeGitLab;
using Xunit;

namespace KernelPrBot.EndToEnd.Tests;

/// <summary>One fake GitLab and one server for every case of the command matrix; each case opens its own MR.</summary>
public sealed class GitLabCommandFixture : IAsyncLifetime
{
    public const string Token = "gitlab-command-secret";

    /// <summary>GitLab's access levels by name; "none" is not a member.</summary>
    public static readonly IReadOnlyDictionary<string, int?> Levels = new Dictionary<string, int?>
    {
        ["none"] = null,
        ["guest"] = 10,
        ["reporter"] = 20,
        ["developer"] = 30,
        ["maintainer"] = 40,
        ["owner"] = 50,
    };

    public FakeGitLabServer GitLab { get; private set; } = null!;

    internal BotServer Bot { get; private set; } = null!;

    public FakeProject Project { get; private set; } = null!;

    public HttpClient Http { get; } = new();

    /// <summary>Holds the queue file; deleted in <see cref="DisposeAsync"/> with the rest.</summary>
    private TempDirectory Temp { get; } = new("gl-commands");

    public Uri Hooks => new(Bot.Url, "api/gitlab/webhooks");

    public async Task InitializeAsync()
    {
        GitLab = await FakeGitLabServer.StartAsync();
        Bot = await BotServer.StartGitLabAsync(GitLab.BaseUrl, GitLab.Options.BotToken, Token, Temp.Combine("queue.db"));
        Project = GitLab.AddProject("acme/commands");
        foreach (var (name, level) in Levels)
        {
            if (level is { } l)
            {
                Project.SetAccessLevel("u-" + name, l);
            }
        }
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Bot.DisposeAsync();
        await GitLab.DisposeAsync();
        Temp.Dispose();
    }
}

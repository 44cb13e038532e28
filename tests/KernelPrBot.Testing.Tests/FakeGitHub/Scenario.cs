using System.Net.Http.Headers;
using KernelPrBot.Testing.FakeGitHub;
using KernelPrBot.Testing.Tests.FakeForge;

namespace KernelPrBot.Testing.Tests.FakeGitHub;

/// <summary>A started fake with one repository, one PR and an HttpClient holding an installation token.</summary>
internal sealed class Scenario : ForgeScenario
{
    public const string Owner = "torvalds";
    public const string Name = "linux";

    private Scenario(FakeGitHubServer server, FakeRepository repo, FakePullRequest pr, HttpClient http)
        : base(http, server)
    {
        Server = server;
        Repo = repo;
        Pr = pr;
    }

    public FakeGitHubServer Server { get; }

    public FakeRepository Repo { get; }

    public FakePullRequest Pr { get; }

    public const string Prefix = $"repos/{Owner}/{Name}";

    public static async Task<Scenario> StartAsync(FakeGitHubOptions? options = null)
    {
        var server = await FakeGitHubServer.StartAsync(options);
        var repo = server.AddRepository(Owner, Name, installationId: 7);
        var pr = repo.OpenPullRequest(1, "drivers: fix foo", "contributor", BaseFiles(), Commits());
        var http = Client(server, server.IssueInstallationToken(7));
        return new Scenario(server, repo, pr, http);
    }

    public static HttpClient Client(FakeGitHubServer server, string? token)
    {
        var http = new HttpClient { BaseAddress = server.BaseUrl };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("kpb-tests/1.0");
        http.DefaultRequestHeaders.Accept.ParseAdd("application/vnd.github+json");
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }
}

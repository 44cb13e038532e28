using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using KernelPrBot.Testing.FakeGitHub;

namespace KernelPrBot.Testing.Tests.FakeGitHub;

/// <summary>A started fake with one repository, one PR and an HttpClient holding an installation token.</summary>
internal sealed class Scenario : IAsyncDisposable
{
    public const string Owner = "torvalds";
    public const string Name = "linux";

    private Scenario(FakeGitHubServer server, FakeRepository repo, FakePullRequest pr, HttpClient http)
    {
        Server = server;
        Repo = repo;
        Pr = pr;
        Http = http;
    }

    public FakeGitHubServer Server { get; }

    public FakeRepository Repo { get; }

    public FakePullRequest Pr { get; }

    public HttpClient Http { get; }

    public const string Prefix = $"repos/{Owner}/{Name}";

    /// <summary>drivers/foo.c has lines "line 1".."line 20"; the PR changes line 10 and adds drivers/bar.c.</summary>
    public static Dictionary<string, string> BaseFiles() => new()
    {
        ["drivers/foo.c"] = Lines(1, 20),
        ["README"] = "hello\n",
    };

    public static string Lines(int from, int to) => string.Concat(Enumerable.Range(from, to - from + 1).Select(i => $"line {i}\n"));

    public static async Task<Scenario> StartAsync(FakeGitHubOptions? options = null)
    {
        var server = await FakeGitHubServer.StartAsync(options);
        var repo = server.AddRepository(Owner, Name, installationId: 7);
        var pr = repo.OpenPullRequest(1, "drivers: fix foo", "contributor", BaseFiles(),
        [
            new FakeCommit("drivers: fix foo", "Jane Dev", "jane@example.org", new Dictionary<string, string?>
            {
                ["drivers/foo.c"] = Lines(1, 9) + "line ten\n" + Lines(11, 20),
            }),
            new FakeCommit("drivers: add bar", "Jane Dev", "jane@example.org", new Dictionary<string, string?>
            {
                ["drivers/bar.c"] = "int bar;\n",
            }),
        ]);
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

    public async Task<(int Status, JsonNode? Json, HttpResponseMessage Response)> SendAsync(HttpMethod method, string path, object? body = null, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            var text = body as string ?? System.Text.Json.JsonSerializer.Serialize(body);
            request.Content = new StringContent(text, Encoding.UTF8, "application/json");
        }

        var response = await (client ?? Http).SendAsync(request);
        var content = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        if (content.Length > 0 && response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            json = JsonNode.Parse(content);
        }

        return ((int)response.StatusCode, json, response);
    }

    public Task<(int Status, JsonNode? Json, HttpResponseMessage Response)> GetAsync(string path, HttpClient? client = null) =>
        SendAsync(HttpMethod.Get, path, null, client);

    public Task<(int Status, JsonNode? Json, HttpResponseMessage Response)> PostAsync(string path, object body, HttpClient? client = null) =>
        SendAsync(HttpMethod.Post, path, body, client);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}

using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using KernelPrBot.Testing.FakeGitHub;
using KernelPrBot.Testing.FakeGitLab;

namespace KernelPrBot.Testing.Tests.FakeGitLab;

/// <summary>A started fake with project acme/linux, MR !1 and an HttpClient holding the bot's token.</summary>
internal sealed class GitLabScenario : IAsyncDisposable
{
    public const string ProjectPath = "acme/linux";

    /// <summary>The API prefix for the project, addressed by its URL-encoded path.</summary>
    public const string Mr = "projects/acme%2Flinux/merge_requests/1";

    private GitLabScenario(FakeGitLabServer server, FakeProject project, FakeMergeRequest mergeRequest, HttpClient http)
    {
        Server = server;
        Project = project;
        MergeRequest = mergeRequest;
        Http = http;
    }

    public FakeGitLabServer Server { get; }

    public FakeProject Project { get; }

    public FakeMergeRequest MergeRequest { get; }

    public HttpClient Http { get; }

    public static string Lines(int from, int to) => string.Concat(Enumerable.Range(from, to - from + 1).Select(i => $"line {i}\n"));

    /// <summary>drivers/foo.c is "line 1".."line 20"; the MR changes line 10 to "line ten" and adds drivers/bar.c.</summary>
    public static async Task<GitLabScenario> StartAsync(FakeGitLabOptions? options = null)
    {
        var server = await FakeGitLabServer.StartAsync(options);
        var project = server.AddProject(ProjectPath);
        var mr = project.OpenMergeRequest(1, "drivers: fix foo", "jane", new Dictionary<string, string>
        {
            ["drivers/foo.c"] = Lines(1, 20),
            ["README"] = "hello\n",
        },
        [
            new FakeCommit("drivers: fix foo", "Jane Dev", "jane@example.org", new Dictionary<string, string?>
            {
                ["drivers/foo.c"] = Lines(1, 9) + "line ten\n" + Lines(11, 20),
            }),
            new FakeCommit("drivers: add bar", "Jane Dev", "jane@example.org", new Dictionary<string, string?> { ["drivers/bar.c"] = "int bar;\n" }),
        ]);
        return new GitLabScenario(server, project, mr, Client(server, server.Options.BotToken));
    }

    public static HttpClient Client(FakeGitLabServer server, string? token, bool bearer = false)
    {
        var http = new HttpClient { BaseAddress = server.ApiUrl };
        if (token is not null && bearer)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        else if (token is not null)
        {
            http.DefaultRequestHeaders.Add("PRIVATE-TOKEN", token);
        }

        return http;
    }

    public async Task<(int Status, JsonNode? Json, HttpResponseMessage Response)> SendAsync(HttpMethod method, string path, object? body = null, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is IEnumerable<KeyValuePair<string, string>> form)
        {
            request.Content = new FormUrlEncodedContent(form);
        }
        else if (body is not null)
        {
            request.Content = new StringContent(body as string ?? System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        var response = await (client ?? Http).SendAsync(request);
        var content = await response.Content.ReadAsStringAsync();
        var json = content.Length > 0 && response.Content.Headers.ContentType?.MediaType == "application/json" ? JsonNode.Parse(content) : null;
        return ((int)response.StatusCode, json, response);
    }

    public Task<(int Status, JsonNode? Json, HttpResponseMessage Response)> GetAsync(string path, HttpClient? client = null) =>
        SendAsync(HttpMethod.Get, path, null, client);

    public Task<(int Status, JsonNode? Json, HttpResponseMessage Response)> PostAsync(string path, object body, HttpClient? client = null) =>
        SendAsync(HttpMethod.Post, path, body, client);

    public Task<(int Status, JsonNode? Json, HttpResponseMessage Response)> PutAsync(string path, object body, HttpClient? client = null) =>
        SendAsync(HttpMethod.Put, path, body, client);

    /// <summary>A JSON discussion body positioned with the latest version's SHAs.</summary>
    public object Position(string path, int? oldLine, int? newLine, string body = "nit")
    {
        var v = MergeRequest.Versions[0];
        return new
        {
            body,
            position = new
            {
                position_type = "text",
                base_sha = v.BaseCommitSha,
                start_sha = v.StartCommitSha,
                head_sha = v.HeadCommitSha,
                old_path = path,
                new_path = path,
                old_line = oldLine,
                new_line = newLine,
            },
        };
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}

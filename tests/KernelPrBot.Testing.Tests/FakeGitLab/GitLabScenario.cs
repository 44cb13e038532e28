using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using KernelPrBot.Testing.FakeGitLab;
using KernelPrBot.Testing.Tests.FakeForge;

namespace KernelPrBot.Testing.Tests.FakeGitLab;

/// <summary>A started fake with project acme/linux, MR !1 and an HttpClient holding the bot's token.</summary>
internal sealed class GitLabScenario : ForgeScenario
{
    public const string ProjectPath = "acme/linux";

    /// <summary>The API prefix for the project, addressed by its URL-encoded path.</summary>
    public const string Mr = "projects/acme%2Flinux/merge_requests/1";

    private GitLabScenario(FakeGitLabServer server, FakeProject project, FakeMergeRequest mergeRequest, HttpClient http)
        : base(http, server)
    {
        Server = server;
        Project = project;
        MergeRequest = mergeRequest;
    }

    public FakeGitLabServer Server { get; }

    public FakeProject Project { get; }

    public FakeMergeRequest MergeRequest { get; }

    /// <summary>drivers/foo.c is "line 1".."line 20"; the MR changes line 10 to "line ten" and adds drivers/bar.c.</summary>
    public static async Task<GitLabScenario> StartAsync(FakeGitLabOptions? options = null)
    {
        var server = await FakeGitLabServer.StartAsync(options);
        var project = server.AddProject(ProjectPath);
        var mr = project.OpenMergeRequest(1, "drivers: fix foo", "jane", BaseFiles(), Commits());
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
}

using System.Text;
using System.Text.Json.Nodes;
using KernelPrBot.Testing.FakeGitHub;

namespace KernelPrBot.Testing.Tests.FakeForge;

/// <summary>
/// What the GitHub and GitLab scenarios share: the same change under review (drivers/foo.c line 10 edited, drivers/bar.c
/// added), and calls through an authenticated client that read JSON answers.
/// </summary>
internal abstract class ForgeScenario(HttpClient http, IAsyncDisposable server) : IAsyncDisposable
{
    public HttpClient Http { get; } = http;

    /// <summary>drivers/foo.c has lines "line 1".."line 20"; README is "hello".</summary>
    public static Dictionary<string, string> BaseFiles() => new()
    {
        ["drivers/foo.c"] = Lines(1, 20),
        ["README"] = "hello\n",
    };

    public static string Lines(int from, int to) => string.Concat(Enumerable.Range(from, to - from + 1).Select(i => $"line {i}\n"));

    /// <summary>Line 10 of drivers/foo.c becomes "line ten", then drivers/bar.c is added.</summary>
    public static FakeCommit[] Commits() =>
    [
        new FakeCommit("drivers: fix foo", "Jane Dev", "jane@example.org", new Dictionary<string, string?>
        {
            ["drivers/foo.c"] = Lines(1, 9) + "line ten\n" + Lines(11, 20),
        }),
        new FakeCommit("drivers: add bar", "Jane Dev", "jane@example.org", new Dictionary<string, string?> { ["drivers/bar.c"] = "int bar;\n" }),
    ];

    /// <summary>A string body is sent as is, key/value pairs as a form, anything else as JSON.</summary>
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

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await server.DisposeAsync();
    }
}

using System.Net.Http.Headers;
using KernelPrBot.Hosting.Http;
using Xunit;
using static KernelPrBot.Hosting.Tests.Http.ScriptedForgeServer;

namespace KernelPrBot.Hosting.Tests.Http;

public sealed class WriteSerializingHandlerTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly HttpClient _client = new(ForgeHttpHandlers.Create(new ForgeResilienceOptions { MinWriteInterval = Interval }));
    private ScriptedForgeServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await StartAsync();
        _client.BaseAddress = _server.BaseAddress;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _client.Dispose();

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string token, string? installation = null)
    {
        var request = new HttpRequestMessage(method, "repos/o/r/issues/1/comments") { Content = new StringContent("{}") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (installation is not null)
        {
            request.Options.Set(ForgeHttpHandlers.InstallationKey, installation);
        }

        return _client.SendAsync(request);
    }

    [Fact]
    public async Task Writes_of_one_installation_never_overlap_and_keep_the_interval()
    {
        _server.Script(Slow(TimeSpan.FromMilliseconds(20), 201));
        var token = "one-" + Guid.NewGuid();
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => SendAsync(HttpMethod.Post, token)));
        Assert.All(responses, r => Assert.Equal(System.Net.HttpStatusCode.Created, r.StatusCode));

        Assert.Equal(1, _server.MaxConcurrentWritesPerKey);
        var arrivals = _server.Arrivals.OrderBy(a => a.At).ToList();
        for (var i = 1; i < arrivals.Count; i++)
        {
            var gap = arrivals[i].At - arrivals[i - 1].End!.Value;
            Assert.True(gap >= Interval - TimeSpan.FromMilliseconds(15), $"gap {gap.TotalMilliseconds} ms");
        }
    }

    [Fact]
    public async Task Writes_of_two_installations_overlap()
    {
        _server.Script(Slow(TimeSpan.FromMilliseconds(300), 201));
        var a = "a-" + Guid.NewGuid();
        var b = "b-" + Guid.NewGuid();
        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => SendAsync(HttpMethod.Patch, i % 2 == 0 ? a : b)));
        Assert.Equal(1, _server.MaxConcurrentWritesPerKey);
        Assert.Equal(2, _server.MaxConcurrentWrites);
    }

    [Fact]
    public async Task The_installation_option_groups_requests_with_different_credentials()
    {
        _server.Script(Slow(TimeSpan.FromMilliseconds(200), 201));
        var installation = Guid.NewGuid().ToString();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => SendAsync(HttpMethod.Post, "token-" + i + Guid.NewGuid(), installation)));
        Assert.Equal(1, _server.MaxConcurrentWrites);
    }

    [Fact]
    public async Task Reads_are_not_serialised()
    {
        _server.Script(Slow(TimeSpan.FromMilliseconds(300)));
        var token = "reads-" + Guid.NewGuid();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => SendAsync(HttpMethod.Get, token)));
        Assert.True(_server.MaxConcurrentRequests >= 2);
    }

    [Fact]
    public void The_key_is_a_hash_of_the_credentials_never_the_credentials()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.github.com/x");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "ghs_secret");
        var key = WriteSerializingHandler.KeyOf(request);
        Assert.DoesNotContain("ghs_secret", key, StringComparison.Ordinal);
        Assert.StartsWith("credentials:", key, StringComparison.Ordinal);

        using var gitlab = new HttpRequestMessage(HttpMethod.Post, "https://gitlab.example/api/v4/x");
        gitlab.Headers.Add("PRIVATE-TOKEN", "glpat-secret");
        Assert.DoesNotContain("glpat-secret", WriteSerializingHandler.KeyOf(gitlab), StringComparison.Ordinal);
    }
}

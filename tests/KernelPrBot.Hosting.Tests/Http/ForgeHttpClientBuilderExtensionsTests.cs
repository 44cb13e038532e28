using System.Net;
using KernelPrBot.Hosting.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static KernelPrBot.Hosting.Tests.Http.ScriptedForgeServer;

namespace KernelPrBot.Hosting.Tests.Http;

public sealed class ForgeHttpClientBuilderExtensionsTests : IAsyncLifetime
{
    private ScriptedForgeServer _server = null!;

    public async Task InitializeAsync() => _server = await StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private ServiceProvider Services() => new ServiceCollection()
        .AddHttpClient("gitlab", client => client.BaseAddress = _server.BaseAddress)
        .AddForgeResilience(new ForgeResilienceOptions { BaseDelay = TimeSpan.FromMilliseconds(10), MaxRetryDelay = TimeSpan.FromSeconds(5), MinWriteInterval = TimeSpan.Zero })
        .Services
        .BuildServiceProvider();

    [Fact]
    public async Task A_factory_client_retries_through_the_same_pipeline()
    {
        _server.Script(Reply(502), Reply(200));
        using var services = Services();
        using var client = services.GetRequiredService<IHttpClientFactory>().CreateClient("gitlab");
        client.DefaultRequestHeaders.Add("PRIVATE-TOKEN", "glpat-" + Guid.NewGuid());
        using var response = await client.GetAsync("api/v4/projects/1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _server.Count);
    }

    [Fact]
    public async Task A_factory_client_throws_ForgeRateLimitedException_for_a_long_wait()
    {
        _server.Script(Reply(429, ("Retry-After", "600")));
        using var services = Services();
        using var client = services.GetRequiredService<IHttpClientFactory>().CreateClient("gitlab");
        var ex = await Assert.ThrowsAsync<ForgeRateLimitedException>(() => client.PostAsync("api/v4/projects/1/notes", new StringContent("{}")));
        Assert.True(ex.RetryAt > DateTimeOffset.UtcNow.AddMinutes(9));
        Assert.Equal(1, _server.Count);
    }
}

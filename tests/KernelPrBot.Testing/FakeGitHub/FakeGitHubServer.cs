using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>
/// An in-process GitHub REST server (Kestrel on 127.0.0.1, a free port) for end-to-end tests. <see cref="BaseUrl"/> ends
/// in <c>/api/v3/</c> because Octokit.net appends that to any non-github.com address.
/// </summary>
public sealed class FakeGitHubServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private ServerState _state = null!;
    private RequestPipeline _pipeline = null!;

    private FakeGitHubServer(WebApplication app, FakeGitHubOptions options)
    {
        _app = app;
        Options = options;
        Faults = new FaultInjector(options.Time);
    }

    /// <summary>Raised after each response. A handler's exception is listed in <see cref="Violations"/> so a test sees it.</summary>
    public event Action<RecordedRequest>? RequestCompleted;

    /// <summary>The API root, ending with "/".</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public FakeGitHubOptions Options { get; }

    public FaultInjector Faults { get; }

    public IReadOnlyList<RecordedRequest> Requests => _pipeline.Requests;

    /// <summary>Requests GitHub would reject per its OpenAPI description (or that hit no endpoint), as "METHOD path: problem".</summary>
    public IReadOnlyList<string> Violations => _state.Violations;

    /// <summary>The highest number of simultaneous POST/PATCH/PUT/DELETE seen for one installation (or user).</summary>
    public int MaxConcurrentWritesPerInstallation => _pipeline.MaxConcurrentWrites;

    public static async Task<FakeGitHubServer> StartAsync(FakeGitHubOptions? options = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeGitHubServer(app, options ?? new FakeGitHubOptions());
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Run(async context =>
        {
            await ready.Task.ConfigureAwait(false);
            await server._pipeline.HandleAsync(context).ConfigureAwait(false);
        });
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/api/v3/");
        server._state = new ServerState(server.Options, server.BaseUrl);
        server._pipeline = new RequestPipeline(server._state, server.Faults, server.BaseUrl, server.OnCompleted);
        ready.SetResult();
        return server;
    }

    public FakeRepository AddRepository(string owner, string name, long installationId = 1) => _state.Add(owner, name, installationId);

    public FakeRepository Repository(string fullName) =>
        _state.Find(fullName) ?? throw new KeyNotFoundException($"no repository {fullName} on the fake");

    /// <summary>An installation token without the JWT exchange, for tests that start past authentication.</summary>
    public string IssueInstallationToken(long installationId = 1) => _state.Tokens.Issue(installationId).Token;

    /// <summary>A valid App JWT for this server (iat 60 s back, 9 minutes to live).</summary>
    public string CreateAppJwt() => AppJwt.Create(Options.AppKey, Options.AppId, Options.Time.GetUtcNow());

    public void AssertNoViolations()
    {
        var violations = Violations;
        Xunit.Assert.True(violations.Count == 0, $"{violations.Count} request(s) GitHub would reject:\n" + string.Join("\n", violations));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private void OnCompleted(RecordedRequest request)
    {
        try
        {
            RequestCompleted?.Invoke(request);
        }
        catch (Exception e)
        {
            _state.AddViolation(new ApiRequest { Method = request.Method, Path = request.Path, Segments = [], Query = new Dictionary<string, string>(), RawQuery = request.Query },
                "RequestCompleted handler threw: " + e.Message);
        }
    }
}

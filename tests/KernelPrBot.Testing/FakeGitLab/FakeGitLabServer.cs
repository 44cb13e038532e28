using KernelPrBot.Testing.FakeGitHub;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KernelPrBot.Testing.FakeGitLab;

/// <summary>
/// An in-process GitLab REST v4 server (Kestrel on 127.0.0.1, a free port) for end-to-end tests. <see cref="BaseUrl"/> is
/// the instance root; the API is under <see cref="ApiUrl"/> (<c>api/v4/</c>).
/// </summary>
public sealed class FakeGitLabServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private GitLabState _state = null!;
    private GitLabPipeline _pipeline = null!;

    private FakeGitLabServer(WebApplication app, FakeGitLabOptions options)
    {
        _app = app;
        Options = options;
        Faults = new FaultInjector(options.Time);
    }

    /// <summary>Raised after each response. A handler's exception is listed in <see cref="Violations"/> so a test sees it.</summary>
    public event Action<RecordedRequest>? RequestCompleted;

    /// <summary>The instance root, e.g. <c>http://127.0.0.1:5123/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary><see cref="BaseUrl"/> + <c>api/v4/</c>.</summary>
    public Uri ApiUrl => _state.ApiRoot;

    public FakeGitLabOptions Options { get; }

    /// <summary>
    /// Failures and delays by method and path regex (the path relative to <c>/api/v4</c>, e.g. <c>/projects/1/statuses/…</c>).
    /// Use <see cref="GitLabFaults.RateLimited"/> for a GitLab-shaped 429; the injector's GitHub helpers give GitHub's shapes.
    /// </summary>
    public FaultInjector Faults { get; }

    public IReadOnlyList<RecordedRequest> Requests => _pipeline.Requests;

    /// <summary>Requests GitLab would reject (or that hit no endpoint), as "METHOD path: problem".</summary>
    public IReadOnlyList<string> Violations => _state.Violations;

    /// <summary>The highest number of simultaneous POST/PUT/DELETE seen for one user.</summary>
    public int MaxConcurrentWrites => _pipeline.MaxConcurrentWrites;

    public static async Task<FakeGitLabServer> StartAsync(FakeGitLabOptions? options = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeGitLabServer(app, options ?? new FakeGitLabOptions());
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Run(async context =>
        {
            await ready.Task.ConfigureAwait(false);
            await server._pipeline.HandleAsync(context).ConfigureAwait(false);
        });
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        server._state = new GitLabState(server.Options, server.BaseUrl);
        server._pipeline = new GitLabPipeline(server._state, server.Faults, server.OnCompleted);
        ready.SetResult();
        return server;
    }

    /// <summary>A project at <c>namespace/name</c>; the bot user is a developer (30) in it.</summary>
    public FakeProject AddProject(string pathWithNamespace) => _state.Add(pathWithNamespace);

    public FakeProject Project(string pathWithNamespace) =>
        _state.Find(pathWithNamespace) ?? throw new KeyNotFoundException($"no project {pathWithNamespace} on the fake");

    /// <summary>The user's id and token; an existing user keeps both.</summary>
    public (long Id, string Token) AddUser(string login)
    {
        var user = _state.Users.Ensure(login);
        return (user.Id, user.Token);
    }

    public void AssertNoViolations()
    {
        var violations = Violations;
        Xunit.Assert.True(violations.Count == 0, $"{violations.Count} request(s) GitLab would reject:\n" + string.Join("\n", violations));
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
            _state.AddViolation(request.Method, request.Path, "RequestCompleted handler threw: " + e.Message);
        }
    }
}

using KernelPrBot.Testing.FakeForge;

namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>
/// An in-process GitHub REST server (Kestrel on 127.0.0.1, a free port) for end-to-end tests. <see cref="BaseUrl"/> ends
/// in <c>/api/v3/</c> because Octokit.net appends that to any non-github.com address.
/// </summary>
public sealed class FakeGitHubServer : IAsyncDisposable
{
    private readonly ForgeHost _host;
    private readonly ServerState _state;
    private readonly RequestPipeline _pipeline;

    private FakeGitHubServer(ForgeHost host, FakeGitHubOptions options)
    {
        _host = host;
        Options = options;
        Faults = new FaultInjector(options.Time, GitHubRandomFaults.Kinds);
        BaseUrl = new Uri(host.Root, "api/v3/");
        _state = new ServerState(options, BaseUrl);
        _pipeline = new RequestPipeline(_state, Faults, BaseUrl, r => RequestCompleted?.Invoke(r));
        host.Serve(_pipeline.HandleAsync);
    }

    /// <summary>Raised after each response. A handler's exception is listed in <see cref="Violations"/> so a test sees it.</summary>
    public event Action<RecordedRequest>? RequestCompleted;

    /// <summary>The API root, ending with "/".</summary>
    public Uri BaseUrl { get; }

    public FakeGitHubOptions Options { get; }

    public FaultInjector Faults { get; }

    public IReadOnlyList<RecordedRequest> Requests => _pipeline.Requests;

    /// <summary>Requests GitHub would reject per its OpenAPI description (or that hit no endpoint), as "METHOD path: problem".</summary>
    public IReadOnlyList<string> Violations => _state.Log.Items;

    /// <summary>The highest number of simultaneous POST/PATCH/PUT/DELETE seen for one installation (or user).</summary>
    public int MaxConcurrentWritesPerInstallation => _pipeline.MaxConcurrentWrites;

    public static async Task<FakeGitHubServer> StartAsync(FakeGitHubOptions? options = null)
    {
        var host = await ForgeHost.StartAsync().ConfigureAwait(false);
        return new FakeGitHubServer(host, options ?? new FakeGitHubOptions());
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

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}

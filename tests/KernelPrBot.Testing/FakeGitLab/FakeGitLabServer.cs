using KernelPrBot.Testing.FakeForge;
using KernelPrBot.Testing.FakeGitHub;

namespace KernelPrBot.Testing.FakeGitLab;

/// <summary>
/// An in-process GitLab REST v4 server (Kestrel on 127.0.0.1, a free port) for end-to-end tests. <see cref="BaseUrl"/> is
/// the instance root; the API is under <see cref="ApiUrl"/> (<c>api/v4/</c>).
/// </summary>
public sealed class FakeGitLabServer : IAsyncDisposable
{
    private readonly ForgeHost _host;
    private readonly GitLabState _state;
    private readonly GitLabPipeline _pipeline;

    private FakeGitLabServer(ForgeHost host, FakeGitLabOptions options)
    {
        _host = host;
        Options = options;
        Faults = new FaultInjector(options.Time, stall => GitLabRandomFaults.Kinds(stall, options.Time));
        _state = new GitLabState(options, host.Root);
        _pipeline = new GitLabPipeline(_state, Faults, r => RequestCompleted?.Invoke(r));
        host.Serve(_pipeline.HandleAsync);
    }

    /// <summary>Raised after each response. A handler's exception is listed in <see cref="Violations"/> so a test sees it.</summary>
    public event Action<RecordedRequest>? RequestCompleted;

    /// <summary>The instance root, e.g. <c>http://127.0.0.1:5123/</c>.</summary>
    public Uri BaseUrl => _host.Root;

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
    public IReadOnlyList<string> Violations => _state.Log.Items;

    /// <summary>The highest number of simultaneous POST/PUT/DELETE seen for one user.</summary>
    public int MaxConcurrentWrites => _pipeline.MaxConcurrentWrites;

    public static async Task<FakeGitLabServer> StartAsync(FakeGitLabOptions? options = null)
    {
        var host = await ForgeHost.StartAsync().ConfigureAwait(false);
        return new FakeGitLabServer(host, options ?? new FakeGitLabOptions());
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

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}

using KernelPrBot.Testing.FakeForge;

namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>What the endpoint handlers share: options, repositories, tokens, response shapes and the violation log.</summary>
internal sealed class ServerState
{
    private readonly Dictionary<string, FakeRepository> _repositories = new(StringComparer.OrdinalIgnoreCase);

    public ServerState(FakeGitHubOptions options, Uri baseUrl)
    {
        Options = options;
        Json = new GitHubJson(baseUrl, options);
        Tokens = new TokenStore(options);
        Limits = new RateLimiter(options);
    }

    public FakeGitHubOptions Options { get; }

    public GitHubJson Json { get; }

    public TokenStore Tokens { get; }

    public RateLimiter Limits { get; }

    public IdSource Ids { get; } = new();

    public ViolationLog Log { get; } = new();

    public void AddViolation(ApiRequest request, string problem) => Log.Add(request.Method, request.Path, problem);

    public FakeRepository Add(string owner, string name, long installationId)
    {
        var repo = new FakeRepository(Ids, Options.Time, owner, name, installationId);
        lock (_repositories)
        {
            if (!_repositories.TryAdd(repo.FullName, repo))
            {
                throw new InvalidOperationException($"{repo.FullName} already exists");
            }
        }

        return repo;
    }

    public FakeRepository? Find(string fullName)
    {
        lock (_repositories)
        {
            return _repositories.GetValueOrDefault(fullName);
        }
    }

    public bool HasInstallation(long id)
    {
        lock (_repositories)
        {
            return _repositories.Values.Any(r => r.InstallationId == id);
        }
    }

    public string? InstallationAccount(long id)
    {
        lock (_repositories)
        {
            return _repositories.Values.FirstOrDefault(r => r.InstallationId == id)?.Owner;
        }
    }

    /// <summary>The <c>{owner}/{repo}</c> of the route, if the caller may see it: another installation's repository is a 404.</summary>
    public bool TryRepository(ApiRequest request, out FakeRepository repo, out ApiResult error)
    {
        var found = Find($"{request.Value("owner")}/{request.Value("repo")}");
        if (found is null || (request.Caller.Kind == CallerKind.Installation && request.Caller.InstallationId != found.InstallationId))
        {
            repo = null!;
            error = ApiResult.NotFound();
            return false;
        }

        repo = found;
        error = null!;
        return true;
    }
}

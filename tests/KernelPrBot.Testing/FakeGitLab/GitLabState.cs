using System.Globalization;
using KernelPrBot.Testing.FakeForge;
using KernelPrBot.Testing.FakeGitHub;

namespace KernelPrBot.Testing.FakeGitLab;

/// <summary>What the endpoint handlers share: options, users, projects, response shapes and the violation log.</summary>
internal sealed class GitLabState
{
    private readonly Dictionary<long, FakeProject> _projects = [];

    public GitLabState(FakeGitLabOptions options, Uri webRoot)
    {
        Options = options;
        WebRoot = webRoot;
        ApiRoot = new Uri(webRoot, "api/v4/");
        Users = new UserStore(options);
        Limits = new GitLabRateLimiter(options);
        Json = new GitLabJson(this);
    }

    public FakeGitLabOptions Options { get; }

    public Uri WebRoot { get; }

    public Uri ApiRoot { get; }

    public UserStore Users { get; }

    public GitLabRateLimiter Limits { get; }

    public GitLabJson Json { get; }

    public IdSource Ids { get; } = new();

    public ViolationLog Log { get; } = new();

    public void AddViolation(GitLabRequest request, string problem) => Log.Add(request.Method, request.Path, problem);

    public FakeProject Add(string pathWithNamespace)
    {
        if (!pathWithNamespace.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException("a GitLab project path is namespace/name", nameof(pathWithNamespace));
        }

        lock (_projects)
        {
            if (_projects.Values.Any(p => p.PathWithNamespace.Equals(pathWithNamespace, StringComparison.OrdinalIgnoreCase)))
            {
                throw new InvalidOperationException($"{pathWithNamespace} already exists");
            }

            // Project ids are small and sequential on a fresh instance; keep them apart from note and MR ids.
            var project = new FakeProject(Ids, Users, Options.Time, 1 + _projects.Count, pathWithNamespace, WebRoot);
            project.SetAccessLevel(Options.BotLogin, 30);
            _projects[project.Id] = project;
            return project;
        }
    }

    /// <summary>By numeric id or by path (already URL-decoded), as GitLab accepts <c>:id</c>.</summary>
    public FakeProject? Find(string idOrPath)
    {
        lock (_projects)
        {
            return long.TryParse(idOrPath, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? _projects.GetValueOrDefault(id)
                : _projects.Values.FirstOrDefault(p => p.PathWithNamespace.Equals(idOrPath, StringComparison.OrdinalIgnoreCase));
        }
    }
}

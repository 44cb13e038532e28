using System.Globalization;
using System.Text.Json.Nodes;

namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>Response bodies in GitHub's shapes (snake_case, the fields Octokit.net's models read). Users, repositories, the App.</summary>
internal sealed partial class GitHubJson
{
    public const string Web = "https://github.com/";

    private readonly FakeGitHubOptions _options;

    public GitHubJson(Uri baseUrl, FakeGitHubOptions options)
    {
        Api = baseUrl.ToString();
        _options = options;
    }

    /// <summary>The API root, ending with "/".</summary>
    public string Api { get; }

    public string BotLogin => _options.AppSlug + "[bot]";

    public static string Date(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";

    public static JsonNode? DateOrNull(DateTimeOffset? time) => time is null ? null : JsonValue.Create(Date(time));

    public static string NodeId(string kind, long id) => Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes($"{kind}{id}"));

    public JsonObject User(FakeUser user) => User(user.Login, user.Type);

    public JsonObject User(string login, string type)
    {
        var id = GitObjects.StableId(login);
        var url = $"{Api}users/{Uri.EscapeDataString(login)}";
        return new JsonObject
        {
            ["login"] = login,
            ["id"] = id,
            ["node_id"] = NodeId(type == "Bot" ? "BOT_" : "U_", id),
            ["avatar_url"] = $"https://avatars.githubusercontent.com/u/{id}?v=4",
            ["gravatar_id"] = "",
            ["url"] = url,
            ["html_url"] = type == "Bot" ? $"{Web}apps/{_options.AppSlug}" : Web + login,
            ["followers_url"] = url + "/followers",
            ["following_url"] = url + "/following{/other_user}",
            ["gists_url"] = url + "/gists{/gist_id}",
            ["starred_url"] = url + "/starred{/owner}{/repo}",
            ["subscriptions_url"] = url + "/subscriptions",
            ["organizations_url"] = url + "/orgs",
            ["repos_url"] = url + "/repos",
            ["events_url"] = url + "/events{/privacy}",
            ["received_events_url"] = url + "/received_events",
            ["type"] = type,
            ["user_view_type"] = "public",
            ["site_admin"] = false,
        };
    }

    public JsonObject Repository(FakeRepository repo) => Repository(repo.FullName, repo.Id);

    /// <summary>A repository by name: the base repository or a fork (forks get a stable id from their name).</summary>
    public JsonObject Repository(string fullName, long? id = null)
    {
        var owner = fullName.Split('/')[0];
        var name = fullName.Split('/')[1];
        var repoId = id ?? GitObjects.StableId(fullName);
        var url = $"{Api}repos/{fullName}";
        var now = Date(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
        return new JsonObject
        {
            ["id"] = repoId,
            ["node_id"] = NodeId("R_", repoId),
            ["name"] = name,
            ["full_name"] = fullName,
            ["private"] = false,
            ["owner"] = User(owner, "User"),
            ["html_url"] = Web + fullName,
            ["description"] = null,
            ["fork"] = id is null,
            ["url"] = url,
            ["pulls_url"] = url + "/pulls{/number}",
            ["issues_url"] = url + "/issues{/number}",
            ["contents_url"] = url + "/contents/{+path}",
            ["statuses_url"] = url + "/statuses/{sha}",
            ["git_url"] = $"git://github.com/{fullName}.git",
            ["ssh_url"] = $"git@github.com:{fullName}.git",
            ["clone_url"] = $"{Web}{fullName}.git",
            ["svn_url"] = Web + fullName,
            ["homepage"] = null,
            ["language"] = "C",
            ["size"] = 0,
            ["stargazers_count"] = 0,
            ["watchers_count"] = 0,
            ["forks_count"] = 0,
            ["open_issues_count"] = 0,
            ["has_issues"] = true,
            ["has_projects"] = false,
            ["has_wiki"] = false,
            ["has_pages"] = false,
            ["has_downloads"] = true,
            ["archived"] = false,
            ["disabled"] = false,
            ["visibility"] = "public",
            ["default_branch"] = "main",
            ["created_at"] = now,
            ["updated_at"] = now,
            ["pushed_at"] = now,
        };
    }

    public JsonObject App() => new()
    {
        ["id"] = _options.AppId,
        ["slug"] = _options.AppSlug,
        ["client_id"] = "Iv1." + _options.AppId.ToString(CultureInfo.InvariantCulture),
        ["node_id"] = NodeId("A_", _options.AppId),
        ["owner"] = User("kernel-pr-bot-owner", "Organization"),
        ["name"] = _options.AppSlug,
        ["description"] = "Reviews Linux kernel pull requests",
        ["external_url"] = Web + "apps/" + _options.AppSlug,
        ["html_url"] = Web + "apps/" + _options.AppSlug,
        ["created_at"] = "2024-01-01T00:00:00Z",
        ["updated_at"] = "2024-01-01T00:00:00Z",
        ["permissions"] = Permissions(),
        ["events"] = new JsonArray("check_run", "check_suite", "issue_comment", "pull_request"),
        ["installations_count"] = 1,
    };

    public static JsonObject Permissions() => new()
    {
        ["checks"] = "write",
        ["contents"] = "read",
        ["issues"] = "write",
        ["metadata"] = "read",
        ["pull_requests"] = "write",
        ["statuses"] = "write",
    };

    public JsonObject Installation(long id, string account) => new()
    {
        ["id"] = id,
        ["account"] = User(account, "User"),
        ["access_tokens_url"] = $"{Api}app/installations/{id}/access_tokens",
        ["repositories_url"] = $"{Api}installation/repositories",
        ["html_url"] = $"{Web}settings/installations/{id}",
        ["app_id"] = _options.AppId,
        ["app_slug"] = _options.AppSlug,
        ["target_id"] = GitObjects.StableId(account),
        ["target_type"] = "User",
        ["permissions"] = Permissions(),
        ["events"] = new JsonArray("check_run", "check_suite", "issue_comment", "pull_request"),
        ["repository_selection"] = "all",
        ["created_at"] = "2024-01-01T00:00:00Z",
        ["updated_at"] = "2024-01-01T00:00:00Z",
        ["single_file_name"] = null,
        ["suspended_at"] = null,
        ["suspended_by"] = null,
    };

    public static JsonObject Label(FakeRepository repo, FakeLabel label, string api) => new()
    {
        ["id"] = label.Id,
        ["node_id"] = NodeId("LA_", label.Id),
        ["url"] = $"{api}repos/{repo.FullName}/labels/{Uri.EscapeDataString(label.Name)}",
        ["name"] = label.Name,
        ["color"] = label.Color,
        ["default"] = false,
        ["description"] = null,
    };

    /// <summary>author_association as GitHub derives it from the repository permission.</summary>
    public static string Association(FakeRepository repo, string login) =>
        login.Equals(repo.Owner, StringComparison.OrdinalIgnoreCase) ? "OWNER"
        : repo.Permission(login) is "admin" or "maintain" or "write" or "triage" ? "COLLABORATOR"
        : "NONE";
}

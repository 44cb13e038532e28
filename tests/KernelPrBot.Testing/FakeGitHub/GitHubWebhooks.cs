using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using KernelPrBot.Testing.FakeForge;

namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>
/// Signed webhook deliveries built from the real payload fixtures (tests/fixtures/github/webhooks), with only the fields
/// that must point at the fake changed: repository, numbers, SHAs, logins, installation, comment and check-run ids.
/// </summary>
public static class GitHubWebhooks
{
    private const string UserAgent = "GitHub-Hookshot/044aadd";

    /// <summary><paramref name="action"/>: opened, synchronize, reopened or closed.</summary>
    public static WebhookDelivery PullRequest(string action, FakeRepository repo, FakePullRequest pr, string secret, string? deliveryId = null)
    {
        var payload = Load($"pull_request.{action}.json");
        PointAtRepository(payload, repo);
        payload["number"] = pr.Number;
        var p = payload["pull_request"]!.AsObject();
        p["number"] = pr.Number;
        p["title"] = pr.Title;
        p["user"]!["login"] = pr.AuthorLogin;
        p["head"]!["sha"] = pr.HeadSha;
        p["head"]!["ref"] = pr.HeadRef;
        p["base"]!["sha"] = pr.BaseSha;
        p["base"]!["ref"] = pr.BaseRef;
        var headRepo = p["head"]!["repo"]!.AsObject();
        headRepo["full_name"] = pr.HeadRepositoryFullName;
        headRepo["name"] = pr.HeadRepositoryFullName.Split('/')[1];
        headRepo["owner"]!["login"] = pr.HeadRepositoryFullName.Split('/')[0];
        if (action == "synchronize")
        {
            var shas = pr.CommitShas;
            payload["before"] = shas.Count > 1 ? shas[^2] : pr.BaseSha;
            payload["after"] = pr.HeadSha;
        }

        payload["sender"]!["login"] = pr.AuthorLogin;
        return Sign("pull_request", payload, secret, deliveryId);
    }

    /// <summary>A comment on the PR's conversation (from the PR-comment fixture, with an <c>installation</c> added).</summary>
    public static WebhookDelivery IssueComment(FakeRepository repo, int number, long commentId, string login, string body, string secret, string? deliveryId = null)
    {
        var payload = Load("issue_comment.created.on-pull-request.json");
        PointAtRepository(payload, repo);
        var type = login.EndsWith("[bot]", StringComparison.Ordinal) ? "Bot" : "User";
        payload["issue"]!["number"] = number;
        var comment = payload["comment"]!.AsObject();
        comment["id"] = commentId;
        comment["body"] = body;
        comment["user"]!["login"] = login;
        comment["user"]!["type"] = type;
        comment["author_association"] = GitHubJson.Association(repo, login);
        payload["sender"]!["login"] = login;
        payload["sender"]!["type"] = type;
        return Sign("issue_comment", payload, secret, deliveryId);
    }

    /// <summary>
    /// <paramref name="action"/>: rerequested or requested_action (then <paramref name="requestedActionId"/> is the button's identifier).
    /// <c>pull_requests</c> is empty for a fork PR, as GitHub sends it.
    /// </summary>
    public static WebhookDelivery CheckRun(string action, FakeRepository repo, FakePullRequest pr, string externalId, string secret,
        string? requestedActionId = null, string? deliveryId = null)
    {
        var payload = Load($"check_run.{action}.json");
        PointAtRepository(payload, repo);
        var run = payload["check_run"]!.AsObject();
        run["head_sha"] = pr.HeadSha;
        run["external_id"] = externalId;
        run["pull_requests"] = PullRequests(repo, pr);
        var existing = repo.CheckRuns().LastOrDefault(r => r.ExternalId == externalId);
        if (existing is not null)
        {
            run["id"] = existing.Id;
            run["name"] = existing.Name;
        }

        if (requestedActionId is not null)
        {
            payload["requested_action"] = new JsonObject { ["identifier"] = requestedActionId };
        }

        return Sign("check_run", payload, secret, deliveryId);
    }

    /// <summary>"Re-run all checks" on the PR's head.</summary>
    public static WebhookDelivery CheckSuiteRerequested(FakeRepository repo, FakePullRequest pr, string secret, string? deliveryId = null)
    {
        var payload = Load("check_suite.rerequested.json");
        PointAtRepository(payload, repo);
        var suite = payload["check_suite"]!.AsObject();
        suite["head_sha"] = pr.HeadSha;
        suite["head_branch"] = pr.HeadRef;
        suite["after"] = pr.HeadSha;
        suite["pull_requests"] = PullRequests(repo, pr);
        return Sign("check_suite", payload, secret, deliveryId);
    }

    /// <summary>A fixture file's exact bytes, signed, for signature tests.</summary>
    public static WebhookDelivery Fixture(string eventName, string fileName, string secret, string? deliveryId = null) =>
        Delivery(eventName, File.ReadAllBytes(TestPaths.Fixture("github", "webhooks", fileName)), secret, deliveryId);

    /// <summary><c>sha256=</c> + lower-case hex HMAC-SHA256 of the body keyed by the secret.</summary>
    public static string Signature(byte[] body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, Uri url, WebhookDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return await WebhookPost.SendAsync(client, url, delivery.Body, delivery.Headers).ConfigureAwait(false);
    }

    private static JsonObject Load(string fileName) => WebhookPost.Load("github", fileName);

    private static void PointAtRepository(JsonObject payload, FakeRepository repo)
    {
        var r = payload["repository"]!.AsObject();
        r["full_name"] = repo.FullName;
        r["name"] = repo.Name;
        r["owner"]!["login"] = repo.Owner;
        r["id"] = repo.Id;
        payload["installation"] = payload["installation"] is JsonObject installation
            ? installation
            : new JsonObject { ["node_id"] = GitHubJson.NodeId("023:IntegrationInstallation", repo.InstallationId) };
        payload["installation"]!["id"] = repo.InstallationId;
    }

    /// <summary>GitHub leaves <c>pull_requests</c> empty for fork PRs.</summary>
    private static JsonArray PullRequests(FakeRepository repo, FakePullRequest pr)
    {
        if (pr.HeadRepositoryFullName != repo.FullName)
        {
            return [];
        }

        var repoRef = new JsonObject { ["id"] = repo.Id, ["url"] = $"https://api.github.com/repos/{repo.FullName}", ["name"] = repo.Name };
        return
        [
            new JsonObject
            {
                ["url"] = $"https://api.github.com/repos/{repo.FullName}/pulls/{pr.Number}",
                ["id"] = pr.Id,
                ["number"] = pr.Number,
                ["head"] = new JsonObject { ["ref"] = pr.HeadRef, ["sha"] = pr.HeadSha, ["repo"] = repoRef },
                ["base"] = new JsonObject { ["ref"] = pr.BaseRef, ["sha"] = pr.BaseSha, ["repo"] = repoRef.DeepClone() },
            },
        ];
    }

    private static WebhookDelivery Sign(string eventName, JsonObject payload, string secret, string? deliveryId) =>
        Delivery(eventName, WebhookPost.Serialize(payload), secret, deliveryId);

    private static WebhookDelivery Delivery(string eventName, byte[] body, string secret, string? deliveryId)
    {
        var id = deliveryId ?? Guid.NewGuid().ToString();
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["X-GitHub-Event"] = eventName,
            ["X-GitHub-Delivery"] = id,
            ["X-GitHub-Hook-ID"] = "292430182",
            ["X-GitHub-Hook-Installation-Target-Type"] = "integration",
            ["X-Hub-Signature-256"] = Signature(body, secret),
            ["Content-Type"] = "application/json",
            ["User-Agent"] = UserAgent,
        };
        return new WebhookDelivery(eventName, id, body, headers);
    }
}

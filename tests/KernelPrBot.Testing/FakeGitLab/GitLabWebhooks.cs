using System.Text.Json.Nodes;
using KernelPrBot.Testing.FakeForge;

namespace KernelPrBot.Testing.FakeGitLab;

/// <summary>
/// Webhook deliveries built from the real payload fixtures (tests/fixtures/gitlab/webhooks), with only the fields that
/// must point at the fake changed: project, MR ids, action, head and previous SHAs, the acting user and the note.
/// </summary>
public static class GitLabWebhooks
{
    public const string WebhookUuid = "02affd2d-2cba-4033-917d-ec22d5dc4b38";
    private const string UserAgent = "GitLab/17.11.0";

    /// <summary>
    /// <paramref name="action"/>: open, reopen or update. An update <paramref name="withOldrev"/> reports a push (oldrev = the
    /// previous version's head); without it, it is a label/title edit that must not re-run checks. The actor is the MR author.
    /// </summary>
    public static GitLabDelivery MergeRequest(string action, FakeProject p, FakeMergeRequest mr, string token, bool withOldrev = true, string? idempotencyKey = null)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(mr);
        var file = action switch
        {
            "open" or "reopen" => "merge_request.open.json",
            "update" => withOldrev ? "merge_request.update-with-oldrev.json" : "merge-request-event-update-labels.atlantis.json",
            _ => throw new ArgumentException($"unsupported action '{action}' (open, reopen, update)", nameof(action)),
        };
        var payload = Load(file);
        PointAtProject(payload, p);
        SetUser(payload, p, mr.AuthorLogin);
        var a = payload["object_attributes"]!.AsObject();
        a["iid"] = mr.Iid;
        a["id"] = mr.Id;
        a["action"] = action;
        a["state"] = mr.State;
        a["source_project_id"] = p.Id;
        a["target_project_id"] = p.Id;
        a["source_branch"] = mr.SourceBranch;
        a["target_branch"] = mr.TargetBranch;
        a["url"] = mr.WebUrl;
        a["last_commit"]!["id"] = mr.HeadSha;
        if (action == "update" && withOldrev)
        {
            var versions = mr.Versions;
            a["oldrev"] = versions.Count > 1 ? versions[1].HeadCommitSha : mr.BaseSha;
        }
        else
        {
            a.Remove("oldrev");
        }

        return Deliver("Merge Request Hook", p, payload, token, idempotencyKey);
    }

    /// <summary>A comment on MR <paramref name="iid"/> by <paramref name="login"/>.</summary>
    public static GitLabDelivery Note(FakeProject p, int iid, long noteId, string login, string body, string token, string? idempotencyKey = null)
    {
        ArgumentNullException.ThrowIfNull(p);
        var mr = p.MergeRequest(iid);
        var payload = Load("note.merge_request.json");
        PointAtProject(payload, p);
        payload["project_id"] = p.Id;
        SetUser(payload, p, login);
        var a = payload["object_attributes"]!.AsObject();
        a["id"] = noteId;
        a["note"] = body;
        a["noteable_type"] = "MergeRequest";
        a["noteable_id"] = mr.Id;
        a["project_id"] = p.Id;
        a["author_id"] = p.UserId(login);
        a["url"] = $"{mr.WebUrl}#note_{noteId}";
        var m = payload["merge_request"]!.AsObject();
        m["iid"] = mr.Iid;
        m["id"] = mr.Id;
        m["source_project_id"] = p.Id;
        m["target_project_id"] = p.Id;
        m["source_branch"] = mr.SourceBranch;
        m["target_branch"] = mr.TargetBranch;
        m["last_commit"]!["id"] = mr.HeadSha;
        return Deliver("Note Hook", p, payload, token, idempotencyKey);
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, Uri url, GitLabDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return await WebhookPost.SendAsync(client, url, delivery.Body, delivery.Headers).ConfigureAwait(false);
    }

    private static JsonObject Load(string fileName) => WebhookPost.Load("gitlab", fileName);

    private static void PointAtProject(JsonObject payload, FakeProject p)
    {
        var project = payload["project"]!.AsObject();
        project["id"] = p.Id;
        project["path_with_namespace"] = p.PathWithNamespace;
        project["web_url"] = p.WebUrl;
    }

    private static void SetUser(JsonObject payload, FakeProject p, string login)
    {
        var user = payload["user"]!.AsObject();
        user["id"] = p.UserId(login);
        user["username"] = login;
    }

    private static GitLabDelivery Deliver(string eventName, FakeProject p, JsonObject payload, string token, string? idempotencyKey)
    {
        var body = WebhookPost.Serialize(payload);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["X-Gitlab-Event"] = eventName,
            ["X-Gitlab-Token"] = token,
            ["X-Gitlab-Event-UUID"] = Guid.NewGuid().ToString(),
            ["X-Gitlab-Webhook-UUID"] = WebhookUuid,
            ["X-Gitlab-Instance"] = new Uri(p.WebUrl).GetLeftPart(UriPartial.Authority),
            ["Idempotency-Key"] = idempotencyKey ?? Guid.NewGuid().ToString(),
            ["Content-Type"] = "application/json",
            ["User-Agent"] = UserAgent,
        };
        return new GitLabDelivery(eventName, body, headers);
    }
}

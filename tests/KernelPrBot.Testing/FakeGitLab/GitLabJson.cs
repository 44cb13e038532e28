using System.Globalization;
using System.Text.Json.Nodes;
using KernelPrBot.Testing.FakeForge;
using KernelPrBot.Testing.FakeGitHub;

namespace KernelPrBot.Testing.FakeGitLab;

/// <summary>Response shapes of the REST v4 objects the fake serves (fields a review bot reads, named as GitLab names them).</summary>
internal sealed partial class GitLabJson
{
    private readonly GitLabState _state;

    public GitLabJson(GitLabState state) => _state = state;

    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public JsonObject User(GitLabUser user) => new()
    {
        ["id"] = user.Id,
        ["username"] = user.Username,
        ["name"] = user.Name,
        ["state"] = "active",
        ["locked"] = false,
        ["avatar_url"] = null,
        ["web_url"] = _state.WebRoot.AbsoluteUri + user.Username,
    };

    public JsonObject CurrentUser(GitLabUser user)
    {
        var json = User(user);
        json["bot"] = user.IsBot;
        json["is_admin"] = false;
        json["created_at"] = Time(DateTimeOffset.UnixEpoch);
        return json;
    }

    public JsonObject Author(string login) => User(_state.Users.Ensure(login));

    public static JsonObject Project(FakeProject p) => new()
    {
        ["id"] = p.Id,
        ["name"] = p.Name,
        ["path"] = p.Name,
        ["path_with_namespace"] = p.PathWithNamespace,
        ["name_with_namespace"] = p.PathWithNamespace.Replace("/", " / ", StringComparison.Ordinal),
        ["default_branch"] = p.DefaultBranch,
        ["visibility"] = "public",
        ["web_url"] = p.WebUrl,
        ["http_url_to_repo"] = p.WebUrl + ".git",
        ["namespace"] = new JsonObject { ["name"] = p.Namespace, ["path"] = p.Namespace, ["full_path"] = p.Namespace, ["kind"] = "group" },
    };

    public JsonObject Member(GitLabUser user, int level)
    {
        var json = User(user);
        json["access_level"] = level;
        json["membership_state"] = "active";
        json["expires_at"] = null;
        return json;
    }

    /// <summary>Call with the project lock held.</summary>
    public JsonObject MergeRequest(FakeProject p, FakeMergeRequest mr)
    {
        var version = mr.LatestVersion;
        var state = mr.Changes.StateUnlocked;
        return new JsonObject
        {
            ["id"] = mr.Id,
            ["iid"] = mr.Iid,
            ["project_id"] = p.Id,
            ["title"] = mr.Draft ? "Draft: " + mr.Title : mr.Title,
            ["description"] = "",
            ["state"] = state,
            ["created_at"] = Time(mr.CreatedAt),
            ["updated_at"] = Time(mr.UpdatedAt),
            ["merged_at"] = null,
            ["closed_at"] = null,
            ["target_branch"] = mr.TargetBranch,
            ["source_branch"] = mr.SourceBranch,
            ["source_project_id"] = p.Id,
            ["target_project_id"] = p.Id,
            ["author"] = Author(mr.AuthorLogin),
            ["labels"] = new JsonArray(mr.Changes.LabelNames.Select(l => (JsonNode)JsonValue.Create(l)).ToArray()),
            ["draft"] = mr.Draft,
            ["work_in_progress"] = mr.Draft,
            ["merge_status"] = "can_be_merged",
            ["detailed_merge_status"] = state == "opened" ? "mergeable" : "not_open",
            ["sha"] = mr.Changes.HeadShaUnlocked,
            ["merge_commit_sha"] = null,
            ["user_notes_count"] = p.DiscussionList.Where(d => d.Iid == mr.Iid).Sum(d => d.Notes.Count(n => !n.System)),
            ["changes_count"] = version is null ? null : ParamReader.Invariant(version.RealSize),
            ["references"] = new JsonObject { ["short"] = $"!{mr.Iid}", ["full"] = $"{p.PathWithNamespace}!{mr.Iid}" },
            ["web_url"] = mr.WebUrl,
            ["diff_refs"] = version is null ? null : new JsonObject
            {
                ["base_sha"] = version.BaseCommitSha,
                ["head_sha"] = version.HeadCommitSha,
                ["start_sha"] = version.StartCommitSha,
            },
        };
    }

    public static JsonObject Commit(FakeProject p, PullCommit c)
    {
        var title = c.Commit.Message.Split('\n')[0];
        return new JsonObject
        {
            ["id"] = c.Sha,
            ["short_id"] = c.Sha[..8],
            ["created_at"] = Time(c.Date),
            ["parent_ids"] = new JsonArray(c.Parent),
            ["title"] = title,
            ["message"] = c.Commit.Message,
            ["author_name"] = c.Commit.AuthorName,
            ["author_email"] = c.Commit.AuthorEmail,
            ["authored_date"] = Time(c.Date),
            ["committer_name"] = c.Commit.AuthorName,
            ["committer_email"] = c.Commit.AuthorEmail,
            ["committed_date"] = Time(c.Date),
            ["web_url"] = $"{p.WebUrl}/-/commit/{c.Sha}",
        };
    }

    /// <summary>One diffs item. Collapsed and too-large files keep their flags and lose the diff text, as GitLab 18.4+ answers.</summary>
    public JsonObject Diff(FakeProject p, FileChange f, bool unidiff)
    {
        var tooLarge = Math.Max(f.OldContent?.Length ?? 0, f.NewContent?.Length ?? 0) > _state.Options.TooLargeBytes;
        var collapsed = !tooLarge && p.CollapsedPaths.Contains(f.Filename);
        var added = f.OldContent is null;
        var deleted = f.NewContent is null;
        var text = tooLarge || collapsed || f.IsBinary ? "" : f.Patch + "\n";
        if (unidiff && text.Length > 0)
        {
            text = $"--- {(added ? "/dev/null" : "a/" + f.Filename)}\n+++ {(deleted ? "/dev/null" : "b/" + f.Filename)}\n" + text;
        }

        return new JsonObject
        {
            ["old_path"] = f.Filename,
            ["new_path"] = f.Filename,
            ["a_mode"] = added ? "0" : "100644",
            ["b_mode"] = deleted ? "0" : "100644",
            ["diff"] = text,
            ["new_file"] = added,
            ["renamed_file"] = false,
            ["deleted_file"] = deleted,
            ["generated_file"] = false,
            ["collapsed"] = collapsed,
            ["too_large"] = tooLarge,
        };
    }

    public static JsonObject Version(FakeMergeRequest mr, FakeVersion v) => new()
    {
        ["id"] = v.Id,
        ["head_commit_sha"] = v.HeadCommitSha,
        ["base_commit_sha"] = v.BaseCommitSha,
        ["start_commit_sha"] = v.StartCommitSha,
        ["created_at"] = Time(v.CreatedAt),
        ["merge_request_id"] = mr.Id,
        ["state"] = "collected",
        ["real_size"] = ParamReader.Invariant(v.RealSize),
        ["patch_id_sha"] = null,
    };
}

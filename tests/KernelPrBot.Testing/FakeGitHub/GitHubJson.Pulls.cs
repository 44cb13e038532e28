using System.Text.Json.Nodes;
using KernelPrBot.Testing.FakeForge;

namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>Pull requests, their commits, files, reviews and review comments.</summary>
internal sealed partial class GitHubJson
{
    /// <summary>Call with the repository lock held.</summary>
    public JsonObject PullRequest(FakeRepository repo, FakePullRequest pr)
    {
        var url = $"{Api}repos/{repo.FullName}/pulls/{pr.Number}";
        var issue = $"{Api}repos/{repo.FullName}/issues/{pr.Number}";
        var html = $"{Web}{repo.FullName}/pull/{pr.Number}";
        var files = repo.FilesOf(pr, null);
        var headOwner = pr.HeadRepositoryFullName.Split('/')[0];
        var closed = pr.Changes.StateUnlocked == "closed";
        return new JsonObject
        {
            ["url"] = url,
            ["id"] = pr.Id,
            ["node_id"] = NodeId("PR_", pr.Id),
            ["html_url"] = html,
            ["diff_url"] = html + ".diff",
            ["patch_url"] = html + ".patch",
            ["issue_url"] = issue,
            ["commits_url"] = url + "/commits",
            ["review_comments_url"] = url + "/comments",
            ["review_comment_url"] = $"{Api}repos/{repo.FullName}/pulls/comments{{/number}}",
            ["comments_url"] = issue + "/comments",
            ["statuses_url"] = $"{Api}repos/{repo.FullName}/statuses/{pr.Changes.HeadShaUnlocked}",
            ["number"] = pr.Number,
            ["state"] = pr.Changes.StateUnlocked,
            ["locked"] = false,
            ["title"] = pr.Title,
            ["user"] = User(pr.AuthorLogin, "User"),
            ["body"] = null,
            ["labels"] = new JsonArray(pr.Changes.LabelNames.Select(n => (JsonNode)Label(repo, repo.LabelFor(n), Api)).ToArray()),
            ["milestone"] = null,
            ["active_lock_reason"] = null,
            ["created_at"] = Date(pr.CreatedAt),
            ["updated_at"] = Date(pr.UpdatedAt),
            ["closed_at"] = closed ? Date(pr.UpdatedAt) : null,
            ["merged_at"] = null,
            ["merge_commit_sha"] = null,
            ["assignee"] = null,
            ["assignees"] = new JsonArray(),
            ["requested_reviewers"] = new JsonArray(),
            ["requested_teams"] = new JsonArray(),
            ["head"] = Ref(pr.HeadRepositoryFullName, headOwner, pr.HeadRef, pr.Changes.HeadShaUnlocked, pr.HeadRepositoryFullName == repo.FullName ? repo.Id : null),
            ["base"] = Ref(repo.FullName, repo.Owner, pr.BaseRef, pr.BaseSha, repo.Id),
            ["_links"] = new JsonObject
            {
                ["self"] = new JsonObject { ["href"] = url },
                ["html"] = new JsonObject { ["href"] = html },
                ["issue"] = new JsonObject { ["href"] = issue },
                ["comments"] = new JsonObject { ["href"] = issue + "/comments" },
                ["review_comments"] = new JsonObject { ["href"] = url + "/comments" },
                ["commits"] = new JsonObject { ["href"] = url + "/commits" },
                ["statuses"] = new JsonObject { ["href"] = $"{Api}repos/{repo.FullName}/statuses/{pr.Changes.HeadShaUnlocked}" },
            },
            ["author_association"] = Association(repo, pr.AuthorLogin),
            ["auto_merge"] = null,
            ["draft"] = false,
            ["merged"] = false,
            ["mergeable"] = null,
            ["rebaseable"] = null,
            ["mergeable_state"] = "unknown",
            ["merged_by"] = null,
            ["comments"] = repo.IssueCommentList.Count(c => c.Number == pr.Number),
            ["review_comments"] = repo.ReviewCommentList.Count(c => c.Number == pr.Number),
            ["maintainer_can_modify"] = false,
            ["commits"] = pr.Changes.Commits.Count,
            ["additions"] = files.Sum(f => f.Additions),
            ["deletions"] = files.Sum(f => f.Deletions),
            ["changed_files"] = files.Count,
        };
    }

    private JsonObject Ref(string fullName, string owner, string branch, string sha, long? id) => new()
    {
        ["label"] = $"{owner}:{branch}",
        ["ref"] = branch,
        ["sha"] = sha,
        ["user"] = User(owner, "User"),
        ["repo"] = Repository(fullName, id),
    };

    public JsonObject Commit(FakeRepository repo, PullCommit c)
    {
        var url = $"{Api}repos/{repo.FullName}/commits/{c.Sha}";
        var person = new JsonObject { ["name"] = c.Commit.AuthorName, ["email"] = c.Commit.AuthorEmail, ["date"] = Date(c.Date) };
        return new JsonObject
        {
            ["sha"] = c.Sha,
            ["node_id"] = NodeId("C_", GitObjects.StableId(c.Sha)),
            ["commit"] = new JsonObject
            {
                ["author"] = person,
                ["committer"] = person.DeepClone(),
                ["message"] = c.Commit.Message,
                ["tree"] = new JsonObject { ["sha"] = c.Sha, ["url"] = $"{Api}repos/{repo.FullName}/git/trees/{c.Sha}" },
                ["url"] = $"{Api}repos/{repo.FullName}/git/commits/{c.Sha}",
                ["comment_count"] = 0,
                ["verification"] = new JsonObject { ["verified"] = false, ["reason"] = "unsigned", ["signature"] = null, ["payload"] = null, ["verified_at"] = null },
            },
            ["url"] = url,
            ["html_url"] = $"{Web}{repo.FullName}/commit/{c.Sha}",
            ["comments_url"] = url + "/comments",
            ["author"] = null, // the fake maps no e-mail address to a GitHub account
            ["committer"] = null,
            ["parents"] = new JsonArray(new JsonObject
            {
                ["sha"] = c.Parent,
                ["url"] = $"{Api}repos/{repo.FullName}/commits/{c.Parent}",
                ["html_url"] = $"{Web}{repo.FullName}/commit/{c.Parent}",
            }),
        };
    }

    public JsonObject File(FakeRepository repo, FakePullRequest pr, FileChange f, string headSha)
    {
        var sha = f.NewContent is null ? pr.BaseSha : headSha;
        var path = string.Join('/', f.Filename.Split('/').Select(Uri.EscapeDataString));
        var node = new JsonObject
        {
            ["sha"] = f.BlobSha,
            ["filename"] = f.Filename,
            ["status"] = f.Status,
            ["additions"] = f.Additions,
            ["deletions"] = f.Deletions,
            ["changes"] = f.Additions + f.Deletions,
            ["blob_url"] = $"{Web}{repo.FullName}/blob/{sha}/{path}",
            ["raw_url"] = $"{Web}{repo.FullName}/raw/{sha}/{path}",
            ["contents_url"] = $"{Api}repos/{repo.FullName}/contents/{path}?ref={sha}",
        };
        if (f.Patch is not null)
        {
            node["patch"] = f.Patch;
        }

        return node;
    }

    public JsonObject ReviewComment(FakeRepository repo, FakeReviewComment c)
    {
        var url = $"{Api}repos/{repo.FullName}/pulls/comments/{c.Id}";
        var pull = $"{Api}repos/{repo.FullName}/pulls/{c.Number}";
        var html = $"{Web}{repo.FullName}/pull/{c.Number}#discussion_r{c.Id}";
        var node = new JsonObject
        {
            ["url"] = url,
            ["pull_request_review_id"] = c.ReviewId,
            ["id"] = c.Id,
            ["node_id"] = NodeId("PRRC_", c.Id),
            ["diff_hunk"] = c.DiffHunk,
            ["path"] = c.Path,
            ["position"] = c.Position,
            ["original_position"] = c.Position,
            ["commit_id"] = c.CommitId,
            ["original_commit_id"] = c.CommitId,
            ["user"] = User(c.User),
            ["body"] = c.Body,
            ["created_at"] = Date(c.CreatedAt),
            ["updated_at"] = Date(c.UpdatedAt),
            ["html_url"] = html,
            ["pull_request_url"] = pull,
            ["author_association"] = Association(repo, c.User.Login),
            ["_links"] = new JsonObject
            {
                ["self"] = new JsonObject { ["href"] = url },
                ["html"] = new JsonObject { ["href"] = html },
                ["pull_request"] = new JsonObject { ["href"] = pull },
            },
            ["start_line"] = c.StartLine,
            ["original_start_line"] = c.StartLine,
            ["start_side"] = c.StartSide,
            ["line"] = c.Line,
            ["original_line"] = c.Line,
            ["side"] = c.Side,
            ["subject_type"] = "line",
        };
        if (c.InReplyToId is { } reply)
        {
            node["in_reply_to_id"] = reply;
        }

        return node;
    }

    public JsonObject Review(FakeRepository repo, FakeReview r)
    {
        var pull = $"{Api}repos/{repo.FullName}/pulls/{r.Number}";
        var html = $"{Web}{repo.FullName}/pull/{r.Number}#pullrequestreview-{r.Id}";
        return new JsonObject
        {
            ["id"] = r.Id,
            ["node_id"] = NodeId("PRR_", r.Id),
            ["user"] = User(r.User),
            ["body"] = r.Body ?? "",
            ["state"] = r.State,
            ["html_url"] = html,
            ["pull_request_url"] = pull,
            ["author_association"] = Association(repo, r.User.Login),
            ["_links"] = new JsonObject
            {
                ["html"] = new JsonObject { ["href"] = html },
                ["pull_request"] = new JsonObject { ["href"] = pull },
            },
            ["submitted_at"] = r.State == "PENDING" ? null : Date(r.SubmittedAt),
            ["commit_id"] = r.CommitId,
        };
    }
}

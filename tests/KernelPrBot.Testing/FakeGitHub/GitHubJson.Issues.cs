using System.Text.Json.Nodes;

namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>Issue comments, reactions and commit statuses.</summary>
internal sealed partial class GitHubJson
{
    public JsonObject IssueComment(FakeRepository repo, FakeIssueComment c)
    {
        var node = new JsonObject
        {
            ["id"] = c.Id,
            ["node_id"] = NodeId("IC_", c.Id),
            ["url"] = $"{Api}repos/{repo.FullName}/issues/comments/{c.Id}",
            ["html_url"] = $"{Web}{repo.FullName}/pull/{c.Number}#issuecomment-{c.Id}",
            ["body"] = c.Body,
            ["user"] = User(c.User),
            ["created_at"] = Date(c.CreatedAt),
            ["updated_at"] = Date(c.UpdatedAt),
            ["issue_url"] = $"{Api}repos/{repo.FullName}/issues/{c.Number}",
            ["author_association"] = Association(repo, c.User.Login),
            ["performed_via_github_app"] = c.User.Type == "Bot" ? App() : null,
            ["reactions"] = Reactions(repo, c.Id),
        };
        return node;
    }

    private JsonObject Reactions(FakeRepository repo, long commentId)
    {
        var all = repo.ReactionList.Where(r => r.CommentId == commentId).ToList();
        var node = new JsonObject
        {
            ["url"] = $"{Api}repos/{repo.FullName}/issues/comments/{commentId}/reactions",
            ["total_count"] = all.Count,
        };
        foreach (var content in ReactionContents)
        {
            node[content] = all.Count(r => r.Content == content);
        }

        return node;
    }

    public static readonly string[] ReactionContents = ["+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes"];

    public JsonObject Reaction(FakeReaction r) => new()
    {
        ["id"] = r.Id,
        ["node_id"] = NodeId("REA_", r.Id),
        ["user"] = User(r.User),
        ["content"] = r.Content,
        ["created_at"] = Date(r.CreatedAt),
    };

    public JsonObject Status(FakeRepository repo, FakeCommitStatus s) => new()
    {
        ["url"] = $"{Api}repos/{repo.FullName}/statuses/{s.Sha}",
        ["avatar_url"] = null,
        ["id"] = s.Id,
        ["node_id"] = NodeId("SC_", s.Id),
        ["state"] = s.State,
        ["description"] = s.Description,
        ["target_url"] = s.TargetUrl,
        ["context"] = s.Context,
        ["created_at"] = Date(s.CreatedAt),
        ["updated_at"] = Date(s.CreatedAt),
        ["creator"] = User(s.Creator),
    };
}

namespace KernelPrBot.Testing.FakeGitLab;

/// <summary>
/// The REST v4 endpoints the fake serves and their documented parameters (docs.gitlab.com/api: merge_requests,
/// discussions, notes, commits, emoji_reactions, members, repository_files, users). Unlisted parameters are ignored
/// as GitLab ignores them; listed ones are checked for presence, type and allowed values.
/// </summary>
internal static class GitLabApiTable
{
    private static readonly ParamSpec[] Paging = [Int("page"), Int("per_page")];

    private static readonly string[] MergeRequestUpdates =
    [
        "title", "description", "target_branch", "state_event", "labels", "add_labels", "remove_labels", "assignee_id", "assignee_ids",
        "reviewer_ids", "milestone_id", "remove_source_branch", "squash", "discussion_locked", "allow_collaboration",
    ];

    public static IReadOnlyList<EndpointSpec> All { get; } =
    [
        new("GET", "/user", []),
        new("GET", "/projects/{id}", [Bool("statistics"), Bool("license"), Bool("with_custom_attributes")]),
        new("GET", "/projects/{id}/merge_requests/{merge_request_iid}",
            [Iid, Bool("render_html"), Bool("include_diverged_commits_count"), Bool("include_rebase_in_progress")]),
        new("PUT", "/projects/{id}/merge_requests/{merge_request_iid}",
        [
            Iid, Str("title"), Str("description"), Str("target_branch"), Enum("state_event", "close", "reopen"), List("labels"),
            List("add_labels"), List("remove_labels"), Int("assignee_id"), List("assignee_ids"), List("reviewer_ids"), Int("milestone_id"),
            Bool("remove_source_branch"), Bool("squash"), Bool("discussion_locked"), Bool("allow_collaboration"),
        ], AtLeastOneOf: MergeRequestUpdates),
        new("GET", "/projects/{id}/merge_requests/{merge_request_iid}/commits", [Iid, .. Paging]),
        new("GET", "/projects/{id}/merge_requests/{merge_request_iid}/diffs", [Iid, Bool("unidiff"), .. Paging]),
        new("GET", "/projects/{id}/merge_requests/{merge_request_iid}/versions", [Iid, .. Paging]),
        new("GET", "/projects/{id}/repository/files/{file_path}/raw", [Str("ref"), Bool("lfs")]),
        new("GET", "/projects/{id}/repository/commits/{sha}/statuses",
        [
            Str("ref"), Str("stage"), Str("name"), Int("pipeline_id"), Enum("order_by", "id", "pipeline_id"), Enum("sort", "asc", "desc"),
            Bool("all"), .. Paging,
        ]),
        new("POST", "/projects/{id}/statuses/{sha}",
        [
            Enum("state", "pending", "running", "success", "failed", "canceled") with { Required = true }, Str("ref"), Str("name"), Str("context"),
            Str("target_url"), Str("description"), new ParamSpec("coverage", ParamKind.Float), Int("pipeline_id"),
        ]),
        new("GET", "/projects/{id}/merge_requests/{merge_request_iid}/discussions", [Iid, .. Paging]),
        new("POST", "/projects/{id}/merge_requests/{merge_request_iid}/discussions",
        [
            Iid, Str("body") with { Required = true }, Str("commit_id"), Str("created_at"),
            Pos("base_sha", true), Pos("start_sha", true), Pos("head_sha", true),
            Pos("position_type", true) with { Values = ["text", "image", "file"] },
            Pos("old_path"), Pos("new_path"), Pos("old_line") with { Kind = ParamKind.Integer }, Pos("new_line") with { Kind = ParamKind.Integer },
            Pos("width") with { Kind = ParamKind.Integer }, Pos("height") with { Kind = ParamKind.Integer },
            Pos("x") with { Kind = ParamKind.Float }, Pos("y") with { Kind = ParamKind.Float },
        ]),
        new("PUT", "/projects/{id}/merge_requests/{merge_request_iid}/discussions/{discussion_id}",
            [Iid, Bool("resolved") with { Required = true }]),
        new("PUT", "/projects/{id}/merge_requests/{merge_request_iid}/discussions/{discussion_id}/notes/{note_id}",
            [Iid, NoteId, Str("body"), Bool("resolved")], ExactlyOneOf: ["body", "resolved"]),
        new("GET", "/projects/{id}/merge_requests/{merge_request_iid}/notes",
            [Iid, Enum("sort", "asc", "desc"), Enum("order_by", "created_at", "updated_at"), Enum("activity_filter", "all_notes", "only_comments", "only_activity"), .. Paging]),
        new("POST", "/projects/{id}/merge_requests/{merge_request_iid}/notes",
            [Iid, Str("body") with { Required = true }, Str("created_at"), Bool("internal"), Str("merge_request_diff_head_sha")]),
        new("PUT", "/projects/{id}/merge_requests/{merge_request_iid}/notes/{note_id}", [Iid, NoteId, Str("body") with { Required = true }]),
        new("GET", "/projects/{id}/merge_requests/{merge_request_iid}/notes/{note_id}/award_emoji", [Iid, NoteId, .. Paging]),
        new("POST", "/projects/{id}/merge_requests/{merge_request_iid}/notes/{note_id}/award_emoji", [Iid, NoteId, Str("name") with { Required = true }]),
        new("GET", "/projects/{id}/members/all/{user_id}", [Int("user_id")]),
        new("GET", "/projects/{id}/members/all",
            [Str("query"), List("user_ids"), Enum("state", "awaiting", "active"), Bool("show_seat_info"), .. Paging]),
    ];

    private static ParamSpec Iid => Int("merge_request_iid");

    private static ParamSpec NoteId => Int("note_id");

    private static ParamSpec Str(string name) => new(name, ParamKind.String);

    private static ParamSpec Int(string name) => new(name, ParamKind.Integer);

    private static ParamSpec Bool(string name) => new(name, ParamKind.Boolean);

    private static ParamSpec List(string name) => new(name, ParamKind.List);

    private static ParamSpec Enum(string name, params string[] values) => new(name, ParamKind.String, Values: values);

    private static ParamSpec Pos(string name, bool required = false) => new($"position[{name}]", ParamKind.String, required, Within: "position");
}

using System.Text.Json.Nodes;

namespace KernelPrBot.Testing.FakeGitLab;

/// <summary>Notes, discussions, commit statuses and award emoji.</summary>
internal sealed partial class GitLabJson
{
    public JsonObject Note(FakeProject p, FakeMergeRequest mr, DiscussionState d, NoteState n)
    {
        var json = new JsonObject
        {
            ["id"] = n.Id,
            ["type"] = n.Type,
            ["body"] = n.Body,
            ["attachment"] = null,
            ["author"] = Author(n.Author),
            ["created_at"] = Time(n.CreatedAt),
            ["updated_at"] = Time(n.UpdatedAt),
            ["system"] = n.System,
            ["noteable_id"] = mr.Id,
            ["noteable_type"] = "MergeRequest",
            ["noteable_iid"] = mr.Iid,
            ["project_id"] = p.Id,
            ["resolvable"] = d.Resolvable && !n.System,
            ["confidential"] = false,
            ["internal"] = false,
        };
        if (d.Resolvable)
        {
            json["resolved"] = d.Resolved;
            json["resolved_by"] = d.ResolvedBy is null ? null : Author(d.ResolvedBy);
        }

        if (n.Position is { } pos)
        {
            json["position"] = new JsonObject
            {
                ["base_sha"] = pos.BaseSha,
                ["start_sha"] = pos.StartSha,
                ["head_sha"] = pos.HeadSha,
                ["old_path"] = pos.OldPath,
                ["new_path"] = pos.NewPath,
                ["position_type"] = pos.PositionType,
                ["old_line"] = pos.OldLine,
                ["new_line"] = pos.NewLine,
                ["line_range"] = null,
            };
        }

        return json;
    }

    public JsonObject Discussion(FakeProject p, FakeMergeRequest mr, DiscussionState d) => new()
    {
        ["id"] = d.Id,
        ["individual_note"] = d.IndividualNote,
        ["notes"] = new JsonArray(d.Notes.Select(n => (JsonNode)Note(p, mr, d, n)).ToArray()),
    };

    public JsonObject Status(FakeProject p, StatusJob job) => new()
    {
        ["id"] = job.Id,
        ["sha"] = job.Sha,
        ["ref"] = job.Ref,
        ["status"] = job.State,
        ["name"] = job.Name,
        ["target_url"] = job.TargetUrl,
        ["description"] = job.Description,
        ["created_at"] = Time(job.CreatedAt),
        ["started_at"] = job.StartedAt is { } s ? Time(s) : null,
        ["finished_at"] = job.FinishedAt is { } f ? Time(f) : null,
        ["allow_failure"] = false,
        ["coverage"] = job.Coverage,
        ["pipeline_id"] = job.Id + 1_000_000,
        ["author"] = Author(job.Author),
        ["project_id"] = p.Id,
    };

    public JsonObject Award(FakeAwardEmoji a) => new()
    {
        ["id"] = a.Id,
        ["name"] = a.Name,
        ["user"] = Author(a.User),
        ["created_at"] = Time(a.CreatedAt),
        ["updated_at"] = Time(a.CreatedAt),
        ["awardable_id"] = a.NoteId,
        ["awardable_type"] = "Note",
    };
}

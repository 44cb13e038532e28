using System.Text.Json;
using KernelPrBot.Review.Commands;
using KernelPrBot.Review.Model;

namespace KernelPrBot.GitLab.Webhooks;

/// <summary>
/// Maps a verified GitLab hook to a review request. Merge Request Hook: open, reopen, and update only when
/// <c>oldrev</c> says new commits arrived (label and title edits do not re-run). Note Hook: a /kpb command on a merge request.
/// </summary>
internal static class GitLabEventMapper
{
    public static (ReviewRequest? Request, string Why) Map(string eventName, JsonElement root, string deliveryId) => eventName switch
    {
        "Merge Request Hook" => MergeRequest(root, deliveryId),
        "Note Hook" => Note(root, deliveryId),
        _ => (null, $"event {Printable(eventName)}"),
    };

    private static (ReviewRequest?, string) MergeRequest(JsonElement root, string deliveryId)
    {
        var attributes = Required(root, "object_attributes");
        var action = OptionalString(attributes, "action");
        ReviewTrigger? trigger = action switch
        {
            "open" => ReviewTrigger.Opened,
            "reopen" => ReviewTrigger.Reopened,
            "update" when OptionalString(attributes, "oldrev") is { Length: > 0 } => ReviewTrigger.Synchronize,
            _ => null,
        };
        if (trigger is null)
        {
            return (null, action == "update" ? "update without new commits (no oldrev)" : $"merge request action {Printable(action ?? "none")}");
        }

        var project = Required(root, "project");
        return (new ReviewRequest
        {
            Forge = ForgeKind.GitLab,
            Repository = RequiredString(project, "path_with_namespace"),
            RepositoryId = RequiredLong(project, "id"),
            Number = checked((int)RequiredLong(attributes, "iid")),
            HeadSha = attributes.TryGetProperty("last_commit", out var last) && last.ValueKind == JsonValueKind.Object ? OptionalString(last, "id") : null,
            Trigger = trigger.Value,
            DeliveryId = deliveryId,
            Requester = root.TryGetProperty("user", out var user) && user.ValueKind == JsonValueKind.Object ? OptionalString(user, "username") : null,
        }, "queued");
    }

    private static (ReviewRequest?, string) Note(JsonElement root, string deliveryId)
    {
        var attributes = Required(root, "object_attributes");
        if (OptionalString(attributes, "noteable_type") != "MergeRequest")
        {
            return (null, "note not on a merge request");
        }

        var body = OptionalString(attributes, "note") ?? string.Empty;
        if (!SlashCommandParser.TryParse(body, out _))
        {
            return (null, "note holds no /kpb command");
        }

        var project = Required(root, "project");
        var mr = Required(root, "merge_request");
        return (new ReviewRequest
        {
            Forge = ForgeKind.GitLab,
            Repository = RequiredString(project, "path_with_namespace"),
            RepositoryId = RequiredLong(project, "id"),
            Number = checked((int)RequiredLong(mr, "iid")),
            Trigger = ReviewTrigger.Command,
            DeliveryId = deliveryId,
            Requester = OptionalString(Required(root, "user"), "username"),
            CommandText = body.Length > 4000 ? body[..4000] : body,
            CommentId = RequiredLong(attributes, "id"),
        }, "queued");
    }

    private static JsonElement Required(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : throw new FormatException($"payload has no object '{name}'");

    private static string RequiredString(JsonElement parent, string name) =>
        OptionalString(parent, name) is { Length: > 0 } text ? text : throw new FormatException($"payload has no '{name}'");

    private static long RequiredLong(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) && n > 0
            ? n : throw new FormatException($"payload has no positive integer '{name}'");

    private static string? OptionalString(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    internal static string Printable(string text) =>
        new(text.Where(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '_' or '-' or '.').Take(40).ToArray());
}

using System.Globalization;
using System.Text.Json;

namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>Reads and limit-checks the body of "create/update a check run" (50 annotations, 65,535-char texts, 3 actions).</summary>
internal static class CheckRunInput
{
    private const int MaxAnnotations = 50;
    private const int MaxOutputText = 65535;
    private const int MaxAnnotationText = 65536;
    private const int MaxActions = 3;

    /// <summary>Applies the request to <paramref name="run"/> (or a new run when null); returns the error text of a 422 on failure.</summary>
    public static FakeCheckRun? Apply(JsonElement body, FakeCheckRun run, DateTimeOffset now, out string? error)
    {
        error = null;
        var output = run.Output;
        var annotations = run.Annotations.ToList();
        if (body.TryGetProperty("output", out var o) && o.ValueKind == JsonValueKind.Object)
        {
            var title = Str(o, "title");
            var summary = Str(o, "summary");
            var text = Str(o, "text");
            if (title is null || summary is null)
            {
                error = "Invalid request.\n\n\"title\", \"summary\" weren't supplied.";
                return null;
            }

            if (summary.Length > MaxOutputText || (text?.Length ?? 0) > MaxOutputText)
            {
                error = $"Invalid request.\n\nOnly {MaxOutputText} characters are allowed in output.summary and output.text.";
                return null;
            }

            output = new FakeCheckOutput(title, summary, text ?? output?.Text);
            if (o.TryGetProperty("annotations", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                if (list.GetArrayLength() > MaxAnnotations)
                {
                    error = $"Invalid request.\n\nOnly {MaxAnnotations} annotations are allowed per request; {list.GetArrayLength()} were sent.";
                    return null;
                }

                foreach (var a in list.EnumerateArray())
                {
                    var annotation = Annotation(a, out error);
                    if (annotation is null)
                    {
                        return null;
                    }

                    annotations.Add(annotation);
                }
            }
        }

        var actions = run.Actions;
        if (body.TryGetProperty("actions", out var act) && act.ValueKind == JsonValueKind.Array)
        {
            var parsed = act.EnumerateArray().Select(x => new FakeCheckAction(Str(x, "label") ?? "", Str(x, "description") ?? "", Str(x, "identifier") ?? "")).ToList();
            if (parsed.Count > MaxActions || parsed.Any(x => x.Label.Length is 0 or > 20 || x.Description.Length is 0 or > 40 || x.Identifier.Length is 0 or > 20))
            {
                error = "Invalid request.\n\nAt most 3 actions, each with a label (≤ 20 characters), a description (≤ 40) and an identifier (≤ 20).";
                return null;
            }

            actions = parsed;
        }

        var conclusion = Str(body, "conclusion") ?? run.Conclusion;
        var status = conclusion is not null ? "completed" : Str(body, "status") ?? run.Status;
        if (status == "completed" && conclusion is null)
        {
            error = "Invalid request.\n\n\"conclusion\" wasn't supplied.";
            return null;
        }

        var completedAt = Date(body, "completed_at") ?? run.CompletedAt ?? (status == "completed" ? now : null);
        return run with
        {
            Name = Str(body, "name") ?? run.Name,
            Status = status,
            Conclusion = conclusion,
            ExternalId = Str(body, "external_id") ?? run.ExternalId,
            DetailsUrl = Str(body, "details_url") ?? run.DetailsUrl,
            Output = output,
            Annotations = annotations,
            Actions = actions,
            StartedAt = Date(body, "started_at") ?? run.StartedAt,
            CompletedAt = completedAt,
        };
    }

    private static FakeAnnotation? Annotation(JsonElement a, out string? error)
    {
        error = null;
        var path = Str(a, "path");
        var start = Int(a, "start_line");
        var end = Int(a, "end_line");
        var level = Str(a, "annotation_level");
        var message = Str(a, "message");
        if (path is null || start is null || end is null || level is null || message is null)
        {
            error = "Invalid request.\n\nAn annotation needs path, start_line, end_line, annotation_level and message.";
            return null;
        }

        var startColumn = Int(a, "start_column");
        var endColumn = Int(a, "end_column");
        var title = Str(a, "title");
        var raw = Str(a, "raw_details");
        if ((startColumn is not null || endColumn is not null) && start != end)
        {
            error = "Invalid request.\n\nstart_column and end_column may only be given when start_line equals end_line.";
            return null;
        }

        if (message.Length > MaxAnnotationText || (raw?.Length ?? 0) > MaxAnnotationText || (title?.Length ?? 0) > 255 || end < start)
        {
            error = "Invalid request.\n\nAn annotation's message or raw_details is over 64 KB, its title over 255 characters, or end_line precedes start_line.";
            return null;
        }

        return new FakeAnnotation(path, start.Value, end.Value, startColumn, endColumn, level, message, title, raw);
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? Int(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : null;

    private static DateTimeOffset? Date(JsonElement e, string name) =>
        Str(e, name) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : null;
}

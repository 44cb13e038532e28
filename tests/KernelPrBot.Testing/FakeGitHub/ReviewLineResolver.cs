using System.Text.Json;

namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>
/// Places a draft review comment on the PR's diff like GitHub: <c>line</c>/<c>side</c> (RIGHT: added or context lines, new
/// numbering; LEFT: removed or context lines, old numbering), an optional <c>start_line</c> in the same hunk, or legacy <c>position</c>.
/// </summary>
internal static class ReviewLineResolver
{
    public const string LineError = "Line could not be resolved";

    internal sealed record Placement(FileChange File, PatchLine Line, string Side, int LineNumber, int? StartLine, string? StartSide);

    /// <summary>Returns the placement, or an error for the 422; <paramref name="violation"/> is set when the request breaks the API's contract.</summary>
    public static Placement? Resolve(IReadOnlyList<FileChange> files, JsonElement comment, out string? error, out string? violation)
    {
        error = null;
        violation = null;
        var path = Str(comment, "path");
        var file = files.FirstOrDefault(f => f.Filename == path);
        if (file is null)
        {
            error = "Path could not be resolved";
            return null;
        }

        if (Int(comment, "line") is { } line)
        {
            var side = Str(comment, "side") ?? "RIGHT";
            if (side is not ("LEFT" or "RIGHT"))
            {
                violation = $"side: '{side}' is not one of LEFT, RIGHT";
                error = LineError;
                return null;
            }

            var target = file.Find(side, line);
            if (target is null)
            {
                error = LineError;
                return null;
            }

            int? startLine = Int(comment, "start_line");
            string? startSide = null;
            if (startLine is { } start)
            {
                startSide = Str(comment, "start_side") ?? side;
                if (startSide is not ("LEFT" or "RIGHT"))
                {
                    violation = $"start_side: '{startSide}' is not one of LEFT, RIGHT";
                    error = LineError;
                    return null;
                }

                var first = file.Find(startSide, start);
                if (first is null || first.Hunk != target.Hunk)
                {
                    error = LineError;
                    return null;
                }

                if (file.PositionOf(first) >= file.PositionOf(target))
                {
                    error = "pull_request_review_thread.start_line must precede the end line.";
                    return null;
                }
            }

            return new Placement(file, target, side, line, startLine, startSide);
        }

        if (Int(comment, "position") is { } position)
        {
            var target = file.AtPosition(position);
            if (target is null)
            {
                error = "Pull request review thread position is invalid";
                return null;
            }

            return target.Kind == PatchLineKind.Removed
                ? new Placement(file, target, "LEFT", target.OldLine!.Value, null, null)
                : new Placement(file, target, "RIGHT", target.NewLine!.Value, null, null);
        }

        error = LineError;
        return null;
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? Int(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : null;
}

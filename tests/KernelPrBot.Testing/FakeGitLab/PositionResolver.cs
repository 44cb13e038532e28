using KernelPrBot.Testing.FakeGitHub;

namespace KernelPrBot.Testing.FakeGitLab;

/// <summary>
/// Places a diff note like GitLab: the SHAs must be the latest version's; a <c>text</c> position needs both paths and
/// <c>new_line</c> alone for an added line, <c>old_line</c> alone for a removed line, both for an unchanged line in a hunk.
/// Anything else is GitLab's "line_code can't be blank" 400.
/// </summary>
internal static class PositionResolver
{
    public const string LineCodeError = "400 Bad request - Note {:line_code=>[\"can't be blank\", \"must be a valid line code\"], :line=>[\"can't be blank\"]}";

    public const string PositionError = "400 Bad request - Note {:position=>[\"is incomplete\"]}";

    /// <summary>
    /// The position, or an error message for the 400. <paramref name="violation"/> is set when the request breaks the API's
    /// contract (a bot bug); stale SHAs are not one, since a push can race any review.
    /// </summary>
    public static FakePosition? Resolve(GitLabRequest request, FakeMergeRequest mr, IReadOnlyList<FileChange> files, out string? error, out string? violation)
    {
        error = LineCodeError;
        violation = null;
        string P(string name) => request.Param($"position[{name}]") ?? "";
        var type = P("position_type");
        var version = mr.LatestVersion;
        if (version is null || P("base_sha") != version.BaseCommitSha || P("start_sha") != version.StartCommitSha || P("head_sha") != version.HeadCommitSha)
        {
            return null;
        }

        var oldPath = request.Param("position[old_path]");
        var newPath = request.Param("position[new_path]");
        if (oldPath is null || newPath is null)
        {
            violation = "a text or file position needs both position[old_path] and position[new_path]";
            return null;
        }

        var file = files.FirstOrDefault(f => f.Filename == newPath);
        if (file is null || oldPath != newPath)
        {
            violation = $"{oldPath} -> {newPath} is not a file of the latest diff";
            return null;
        }

        var oldLine = request.Int("position[old_line]");
        var newLine = request.Int("position[new_line]");
        if (type == "file")
        {
            if (oldLine is not null || newLine is not null)
            {
                violation = "a file position takes no line numbers";
                error = PositionError;
                return null;
            }

            error = null;
            return new FakePosition(type, version.BaseCommitSha, version.StartCommitSha, version.HeadCommitSha, oldPath, newPath, null, null);
        }

        if (type != "text")
        {
            violation = $"position_type '{type}' is not supported by the fake";
            return null;
        }

        var line = (oldLine, newLine) switch
        {
            (null, int n) => file.Lines.FirstOrDefault(l => l.Kind == PatchLineKind.Added && l.NewLine == n),
            (int o, null) => file.Lines.FirstOrDefault(l => l.Kind == PatchLineKind.Removed && l.OldLine == o),
            (int o, int n) => file.Lines.FirstOrDefault(l => l.Kind == PatchLineKind.Context && l.OldLine == o && l.NewLine == n),
            _ => null,
        };
        if (line is null)
        {
            violation = $"no {Describe(oldLine, newLine)} in the diff of {newPath}" + Hint(file, oldLine, newLine);
            return null;
        }

        error = null;
        return new FakePosition(type, version.BaseCommitSha, version.StartCommitSha, version.HeadCommitSha, oldPath, newPath, oldLine, newLine);
    }

    private static string Describe(int? oldLine, int? newLine) => (oldLine, newLine) switch
    {
        (null, int n) => $"added line with new_line {n}",
        (int o, null) => $"removed line with old_line {o}",
        (int o, int n) => $"unchanged line with old_line {o} and new_line {n}",
        _ => "line (neither old_line nor new_line given)",
    };

    /// <summary>Says which combination the line would have needed, the usual mistake.</summary>
    private static string Hint(FileChange file, int? oldLine, int? newLine)
    {
        var near = file.Lines.FirstOrDefault(l => l.Kind != PatchLineKind.HunkHeader && ((newLine is not null && l.NewLine == newLine) || (oldLine is not null && l.OldLine == oldLine)));
        return near?.Kind switch
        {
            PatchLineKind.Added => $" (new line {near.NewLine} is added: send new_line only)",
            PatchLineKind.Removed => $" (old line {near.OldLine} is removed: send old_line only)",
            PatchLineKind.Context => $" (old {near.OldLine} / new {near.NewLine} is unchanged: send both)",
            _ => "",
        };
    }
}

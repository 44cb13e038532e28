using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Source;

namespace KernelPrBot.Testing.Fuzzing;

/// <summary>What must hold of any parse or lex result, whatever the input; each check throws <see cref="FuzzInvariantException"/>.</summary>
public static class FuzzInvariants
{
    public static void Series(PatchSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);

        // Line numbers are checked against a generous bound: decoded mail bodies map back to input lines.
        Diagnostics(series.Diagnostics, int.MaxValue - 1);
        foreach (var patch in series.Patches)
        {
            Files(patch.Files, int.MaxValue - 1);
            if (patch.Commit is { SubjectLine: < 0 } commit)
            {
                throw new FuzzInvariantException($"commit subject at line {commit.SubjectLine}");
            }
        }
    }

    public static void Diagnostics(IEnumerable<PatchDiagnostic> diagnostics, int lineCount)
    {
        foreach (var d in diagnostics)
        {
            if (string.IsNullOrWhiteSpace(d.Message) || d.Line < 0 || d.Line > lineCount + 1)
            {
                throw new FuzzInvariantException($"diagnostic at line {d.Line} of {lineCount} is malformed: '{d.Message}'");
            }
        }
    }

    public static void Files(IEnumerable<FileChange> files, int lineCount)
    {
        foreach (var file in files)
        {
            if (!GitPath.IsSafeRelative(file.Path, out var reason))
            {
                throw new FuzzInvariantException($"unsafe path '{file.Path}' came through ({reason})");
            }

            if (file.PatchLine < 1 || file.PatchLine > lineCount + 1)
            {
                throw new FuzzInvariantException($"file {file.Path} starts at line {file.PatchLine} of {lineCount}");
            }

            foreach (var hunk in file.Hunks)
            {
                Hunk(file, hunk, lineCount);
            }
        }
    }

    private static void Hunk(FileChange file, Hunk hunk, int lineCount)
    {
        // A hunk may end early (truncated input) but never holds more lines than its header counts.
        var oldSide = hunk.Lines.Count(l => l.Kind != DiffLineKind.Added);
        var newSide = hunk.Lines.Count(l => l.Kind != DiffLineKind.Removed);
        if (oldSide > hunk.OldCount || newSide > hunk.NewCount)
        {
            throw new FuzzInvariantException($"hunk at line {hunk.PatchLine} of {file.Path} holds {oldSide}/{newSide} lines for counts {hunk.OldCount}/{hunk.NewCount}");
        }

        foreach (var line in hunk.Lines)
        {
            if (line.PatchLine < 1 || line.PatchLine > lineCount + 1 || line.OldLine < 0 || line.NewLine < 0)
            {
                throw new FuzzInvariantException($"diff line of {file.Path} has lines old={line.OldLine} new={line.NewLine} patch={line.PatchLine}");
            }
        }
    }

    public static void Tokens(string text, IReadOnlyList<Token> tokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(tokens);
        var end = 0;
        var line = 1;
        foreach (var t in tokens)
        {
            // Tokens are non-empty, in order, inside the text and never overlap; lines never go back.
            if (t.Length <= 0 || t.Start < end || t.Start + t.Length > text.Length || t.Line < line)
            {
                throw new FuzzInvariantException($"token {t} breaks order or bounds (previous end {end}, line {line}, text length {text.Length})");
            }

            end = t.Start + t.Length;
            line = t.Line;
        }
    }
}

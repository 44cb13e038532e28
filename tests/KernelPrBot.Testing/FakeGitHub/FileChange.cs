namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>One changed file of a pull request, as GitHub's <c>pulls/{n}/files</c> describes it.</summary>
internal sealed class FileChange
{
    public FileChange(string filename, string? oldContent, string? newContent)
    {
        Filename = filename;
        OldContent = oldContent;
        NewContent = newContent;
        Status = oldContent is null ? "added" : newContent is null ? "removed" : "modified";
        IsBinary = (oldContent?.Contains('\0', StringComparison.Ordinal) ?? false) || (newContent?.Contains('\0', StringComparison.Ordinal) ?? false);
        Lines = IsBinary ? [] : UnifiedDiff.Hunks(oldContent, newContent);
        Additions = Lines.Count(l => l.Kind == PatchLineKind.Added);
        Deletions = Lines.Count(l => l.Kind == PatchLineKind.Removed);
        Patch = IsBinary ? null : UnifiedDiff.Text(Lines);
        BlobSha = GitObjects.BlobSha(newContent ?? oldContent ?? "");
    }

    public string Filename { get; }

    public string? OldContent { get; }

    public string? NewContent { get; }

    public string Status { get; }

    public bool IsBinary { get; }

    public IReadOnlyList<PatchLine> Lines { get; }

    public int Additions { get; }

    public int Deletions { get; }

    /// <summary>Hunks only; null for binary files, as GitHub omits it.</summary>
    public string? Patch { get; }

    public string BlobSha { get; }

    /// <summary>RIGHT: added or context lines in new numbering; LEFT: removed or context lines in old numbering.</summary>
    public PatchLine? Find(string side, int line) => side switch
    {
        "RIGHT" => Lines.FirstOrDefault(l => l.Kind is PatchLineKind.Added or PatchLineKind.Context && l.NewLine == line),
        "LEFT" => Lines.FirstOrDefault(l => l.Kind is PatchLineKind.Removed or PatchLineKind.Context && l.OldLine == line),
        _ => null,
    };

    /// <summary>Legacy <c>position</c>: lines below the first hunk header, which is position 0.</summary>
    public PatchLine? AtPosition(int position) =>
        position > 0 && position < Lines.Count && Lines[position].Kind is PatchLineKind.Added or PatchLineKind.Removed or PatchLineKind.Context
            ? Lines[position]
            : null;

    public int PositionOf(PatchLine line) => IndexOf(line);

    /// <summary>The hunk text from its header down to the line, as GitHub's <c>diff_hunk</c>.</summary>
    public string DiffHunk(PatchLine line)
    {
        var index = IndexOf(line);
        var start = index;
        while (start > 0 && Lines[start].Kind != PatchLineKind.HunkHeader)
        {
            start--;
        }

        return UnifiedDiff.Text(Lines.Skip(start).Take(index - start + 1));
    }

    private int IndexOf(PatchLine line)
    {
        for (var i = 0; i < Lines.Count; i++)
        {
            if (ReferenceEquals(Lines[i], line))
            {
                return i;
            }
        }

        return -1;
    }
}

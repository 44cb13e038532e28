namespace KernelPrBot.Checks.Patches;

/// <summary>A unified-diff hunk. <see cref="Section"/> is the function context git prints after the second <c>@@</c>.</summary>
public sealed record Hunk(int OldStart, int OldCount, int NewStart, int NewCount, string Section, int PatchLine, IReadOnlyList<DiffLine> Lines)
{
    public IEnumerable<DiffLine> AddedLines => Lines.Where(l => l.Kind == DiffLineKind.Added);

    public IEnumerable<DiffLine> RemovedLines => Lines.Where(l => l.Kind == DiffLineKind.Removed);
}

namespace KernelPrBot.Testing.FakeGitHub;

internal enum PatchLineKind
{
    HunkHeader,
    Context,
    Added,
    Removed,
    NoNewlineMarker,
}

/// <summary>One line of a file's patch text, with its old/new line numbers (1-based) where it has them.</summary>
internal sealed record PatchLine(PatchLineKind Kind, string Text, int? OldLine, int? NewLine, int Hunk);

namespace KernelPrBot.Checks.Patches;

public enum FileChangeKind
{
    Modified,
    Added,
    Deleted,
    Renamed,
    Copied,
    ModeChanged,
}

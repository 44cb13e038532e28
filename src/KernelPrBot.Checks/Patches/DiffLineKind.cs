namespace KernelPrBot.Checks.Patches;

public enum DiffLineKind
{
    Context,
    Added,
    Removed,
}

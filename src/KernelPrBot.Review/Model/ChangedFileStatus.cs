namespace KernelPrBot.Review.Model;

public enum ChangedFileStatus
{
    Added,
    Modified,
    Removed,
    Renamed,
    Copied,
}

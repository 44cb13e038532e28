namespace KernelPrBot.Hosting.Settings;

public sealed class IndexSettings
{
    /// <summary>A symbol index built by <c>kernel-pr-bot index</c>.</summary>
    public string? Path { get; set; }

    /// <summary>A trusted kernel tree (the base, never a pull request's head): indexed at start-up when no Path is given; its MAINTAINERS routes patches.</summary>
    public string? Tree { get; set; }
}

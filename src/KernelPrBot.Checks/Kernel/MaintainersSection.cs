namespace KernelPrBot.Checks.Kernel;

/// <summary>One MAINTAINERS section: its title and its fields (<c>M</c>, <c>R</c>, <c>L</c>, <c>S</c>, <c>F</c>, …) in file order.</summary>
public sealed record MaintainersSection(string Name, int Line, IReadOnlyList<(char Type, string Value)> Fields)
{
    public IEnumerable<string> Values(char type) => Fields.Where(f => f.Type == type).Select(f => f.Value);

    /// <summary>The S: status; get_maintainer.pl counts a section as maintained when it says "maintain" or "support".</summary>
    public string? Status => Values('S').LastOrDefault();
}

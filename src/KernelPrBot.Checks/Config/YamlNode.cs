namespace KernelPrBot.Checks.Config;

/// <summary>The small YAML subset the configuration file uses: block mappings, sequences and scalars.</summary>
public abstract record YamlNode(int Line);

public sealed record YamlScalar(string Value, int Line, bool Quoted) : YamlNode(Line);

public sealed record YamlSequence(IReadOnlyList<YamlNode> Items, int Line) : YamlNode(Line);

public sealed record YamlMapping(IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> Entries, int Line) : YamlNode(Line);

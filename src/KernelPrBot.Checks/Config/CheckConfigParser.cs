using KernelPrBot.Checks.Rules;

namespace KernelPrBot.Checks.Config;

/// <summary>Reads <c>.kernel-pr-bot.yml</c>. Every mistake is a <see cref="ConfigException"/> naming file and line.</summary>
public static class CheckConfigParser
{
    public const string FileName = ".kernel-pr-bot.yml";
    private const int MaxBytes = 256 * 1024;

    public static CheckConfig Parse(string text, string source, IReadOnlyCollection<string> knownRuleIds)
    {
        if (text.Length > MaxBytes)
        {
            throw new ConfigException($"{source}: the file is {text.Length} bytes; a configuration file has at most {MaxBytes}");
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new ConfigException($"{source}: the file contains NUL bytes; it is not a YAML text file");
        }

        var root = YamlLiteParser.Parse(text, source);
        if (root is null)
        {
            return CheckConfig.Empty;
        }

        if (root is not YamlMapping mapping)
        {
            throw new ConfigException($"{source}:{root.Line}: the top level must be a mapping with the keys 'rules' and 'exclude'");
        }

        var rules = new Dictionary<string, RuleSetting>(StringComparer.Ordinal);
        var exclude = new List<PathGlob>();
        foreach (var (key, value) in mapping.Entries)
        {
            switch (key.Value)
            {
                case "rules":
                    ReadRules(value, source, knownRuleIds, rules);
                    break;
                case "exclude":
                    exclude.AddRange(ReadStrings(value, source, "exclude").Select(p => new PathGlob(p)));
                    break;
                default:
                    throw new ConfigException($"{source}:{key.Line}: unknown key '{key.Value}'{Suggest(key.Value, ["rules", "exclude"])}; the keys are 'rules' and 'exclude'");
            }
        }

        return new CheckConfig(rules, exclude);
    }

    public static CheckConfig Load(string path, IReadOnlyCollection<string> knownRuleIds)
    {
        if (!File.Exists(path))
        {
            throw new ConfigException($"{path}: configuration file not found");
        }

        return Parse(File.ReadAllText(path), path, knownRuleIds);
    }

    private static void ReadRules(YamlNode node, string source, IReadOnlyCollection<string> known, Dictionary<string, RuleSetting> rules)
    {
        if (node is YamlScalar { Value: "" })
        {
            return;
        }

        if (node is not YamlMapping mapping)
        {
            throw new ConfigException($"{source}:{node.Line}: 'rules' must be a mapping of rule id to a setting (off, on, error, warning, note)");
        }

        foreach (var (key, value) in mapping.Entries)
        {
            if (!known.Contains(key.Value))
            {
                throw new ConfigException($"{source}:{key.Line}: unknown rule '{key.Value}'{Suggest(key.Value, known)}; 'kernel-pr-bot rules' lists them");
            }

            rules[key.Value] = value switch
            {
                YamlScalar scalar => ReadSetting(scalar, source),
                YamlMapping map => ReadSettingMapping(map, source),
                _ => throw new ConfigException($"{source}:{value.Line}: the setting of rule '{key.Value}' must be off, on, error, warning or note"),
            };
        }
    }

    private static RuleSetting ReadSetting(YamlScalar scalar, string source) =>
        scalar.Value.ToLowerInvariant() switch
        {
            "off" or "false" or "disabled" => new RuleSetting(false, null),
            "on" or "true" or "enabled" => new RuleSetting(true, null),
            _ => new RuleSetting(true, ReadSeverity(scalar, source)),
        };

    private static RuleSetting ReadSettingMapping(YamlMapping map, string source)
    {
        var enabled = true;
        Severity? severity = null;
        foreach (var (key, value) in map.Entries)
        {
            var scalar = value as YamlScalar ?? throw new ConfigException($"{source}:{value.Line}: '{key.Value}' takes a single value");
            switch (key.Value)
            {
                case "enabled":
                    enabled = scalar.Value.ToLowerInvariant() switch
                    {
                        "true" or "on" or "yes" => true,
                        "false" or "off" or "no" => false,
                        _ => throw new ConfigException($"{source}:{scalar.Line}: 'enabled' must be true or false, not '{scalar.Value}'"),
                    };
                    break;
                case "severity":
                    severity = ReadSeverity(scalar, source);
                    break;
                default:
                    throw new ConfigException($"{source}:{key.Line}: unknown key '{key.Value}'{Suggest(key.Value, ["enabled", "severity"])}; a rule takes 'enabled' and 'severity'");
            }
        }

        return new RuleSetting(enabled, severity);
    }

    private static Severity ReadSeverity(YamlScalar scalar, string source) =>
        scalar.Value.ToLowerInvariant() switch
        {
            "error" => Severity.Error,
            "warning" or "warn" => Severity.Warning,
            "note" or "info" => Severity.Note,
            _ => throw new ConfigException($"{source}:{scalar.Line}: '{scalar.Value}' is not a severity; use error, warning, note, or off"),
        };

    private static IEnumerable<string> ReadStrings(YamlNode node, string source, string key) =>
        node switch
        {
            YamlScalar { Value: "" } => [],
            YamlScalar s => [s.Value],
            YamlSequence seq => seq.Items.Select(i => i is YamlScalar s ? s.Value : throw new ConfigException($"{source}:{i.Line}: '{key}' items must be path patterns")),
            _ => throw new ConfigException($"{source}:{node.Line}: '{key}' must be a list of path patterns"),
        };

    private static string Suggest(string value, IEnumerable<string> candidates)
    {
        var best = candidates
            .Select(c => (Candidate: c, Distance: EditDistance.Compute(value, c)))
            .Where(x => x.Distance <= Math.Max(2, x.Candidate.Length / 4))
            .OrderBy(x => x.Distance)
            .FirstOrDefault();
        return best.Candidate is null ? string.Empty : $" (did you mean '{best.Candidate}'?)";
    }
}

using KernelPrBot.Checks.Rules;

namespace KernelPrBot.Checks.Config;

/// <summary>
/// The settings of <c>.kernel-pr-bot.yml</c>: per-rule enable/severity and excluded paths.
/// Built by <see cref="CheckConfigParser"/>, which rejects unknown keys and rule ids by line.
/// </summary>
public sealed record CheckConfig(IReadOnlyDictionary<string, RuleSetting> Rules, IReadOnlyList<PathGlob> Exclude)
{
    public static CheckConfig Empty { get; } = new(new Dictionary<string, RuleSetting>(), []);

    public RuleSetting? SettingFor(string ruleId) => Rules.TryGetValue(ruleId, out var setting) ? setting : null;

    public bool IsExcluded(string path) => Exclude.Any(g => g.IsMatch(path));
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace KernelPrBot.Checks.Kernel;

/// <summary>
/// Reads the output of <c>checkpatch.pl --show-types</c>: a header line <c>LEVEL:TYPE: message</c>, then
/// <c>#N: FILE: path:line:</c> for reports placed in a file. Also the table of checkpatch types that KernelPrBot's
/// own rules answer, so the <c>checkpatch</c> rule does not report them twice.
/// </summary>
public static partial class CheckpatchOutput
{
    [GeneratedRegex(@"^(ERROR|WARNING|CHECK):([A-Z0-9_]+): ?(.*)$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Header { get; }
    [GeneratedRegex(@"^#\d+: (?:FILE: (?<file>.+):(?<line>\d+):)?\s*$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Location { get; }

    /// <summary>The checkpatch types KernelPrBot shares, and the rule ids that answer each.</summary>
    public static IReadOnlyDictionary<string, string[]> TypeToRules { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["MISSING_SIGN_OFF"] = [RuleIds.MissingSignedOffBy],
        ["NO_AUTHOR_SIGN_OFF"] = [RuleIds.MissingSignedOffBy],
        ["FROM_SIGN_OFF_MISMATCH"] = [RuleIds.SignOffMismatch],
        ["BAD_SIGN_OFF"] = [RuleIds.SignOffMismatch, RuleIds.AiSignOff],
        ["BAD_FIXES_TAG"] = [RuleIds.FixesTag],
        ["SPDX_LICENSE_TAG"] = [RuleIds.SpdxLicense],
        ["AVOID_BUG"] = [RuleIds.DeprecatedApi],
        ["ALLOC_WITH_MULTIPLY"] = [RuleIds.DeprecatedApi],
        ["CONSIDER_KSTRTO"] = [RuleIds.DeprecatedApi],
        ["STRCPY"] = [RuleIds.DeprecatedApi],
        ["STRLCPY"] = [RuleIds.DeprecatedApi, RuleIds.RemovedApi],
        ["STRNCPY"] = [RuleIds.DeprecatedApi],
        ["PREFER_FALLTHROUGH"] = [RuleIds.DeprecatedApi],
        ["DEPRECATED_API"] = [RuleIds.DeprecatedApi, RuleIds.RemovedApi],
        ["FLEXIBLE_ARRAY"] = [RuleIds.DeprecatedApi],
    };

    public static IReadOnlyList<CheckpatchReport> Parse(string output)
    {
        var reports = new List<CheckpatchReport>();
        var lines = output.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var header = Header.Match(lines[i].TrimEnd('\r'));
            if (!header.Success)
            {
                continue;
            }

            var location = i + 1 < lines.Length ? Location.Match(lines[i + 1].TrimEnd('\r')) : Match.Empty;
            var (level, type, message) = (header.Groups[1].Value, header.Groups[2].Value, header.Groups[3].Value.Trim());
            reports.Add(location.Success && location.Groups["file"].Success
                ? new CheckpatchReport(level, type, message, location.Groups["file"].Value, int.Parse(location.Groups["line"].Value, CultureInfo.InvariantCulture))
                : new CheckpatchReport(level, type, message, null, null));
        }

        return reports;
    }
}

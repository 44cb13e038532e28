using System.Diagnostics;
using System.Text.RegularExpressions;

namespace KernelPrBot.Testing;

/// <summary>Runs the kernel tree's own scripts/checkpatch.pl (never one from a patch) and reads its reports.</summary>
public static class CheckpatchRunner
{
    private static readonly Regex Header = new(@"^(ERROR|WARNING|CHECK):([A-Z0-9_]+):", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly Regex Location = new(@"^#\d+: (?:FILE: (?<file>.+):(?<line>\d+):)?\s*$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public sealed record Report(string Type, string? File, int? Line);

    /// <summary>The categories KernelPrBot shares with checkpatch, and the rule ids that may answer each type.</summary>
    public static IReadOnlyDictionary<string, string[]> TypeToRules { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["MISSING_SIGN_OFF"] = ["missing-signed-off-by"],
        ["NO_AUTHOR_SIGN_OFF"] = ["missing-signed-off-by"],
        ["FROM_SIGN_OFF_MISMATCH"] = ["sign-off-mismatch"],
        ["BAD_SIGN_OFF"] = ["sign-off-mismatch", "ai-sign-off"],
        ["BAD_FIXES_TAG"] = ["fixes-tag"],
        ["SPDX_LICENSE_TAG"] = ["spdx-license"],
        ["AVOID_BUG"] = ["deprecated-api"],
        ["ALLOC_WITH_MULTIPLY"] = ["deprecated-api"],
        ["CONSIDER_KSTRTO"] = ["deprecated-api"],
        ["STRCPY"] = ["deprecated-api"],
        ["STRLCPY"] = ["deprecated-api"],
        ["STRNCPY"] = ["deprecated-api"],
        ["PREFER_FALLTHROUGH"] = ["deprecated-api"],
        ["DEPRECATED_API"] = ["deprecated-api"],
        ["FLEXIBLE_ARRAY"] = ["deprecated-api"],
    };

    public static IReadOnlyList<Report> Run(string tree, string patchPath)
    {
        var start = new ProcessStartInfo("perl", [Path.Combine(tree, "scripts", "checkpatch.pl"), "--no-tree", "--show-types", "--no-summary", patchPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // checkpatch looks up Fixes: ids in the current git repository; keep the result independent of where it runs.
        start.Environment["GIT_DIR"] = "/nonexistent";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return Parse(output);
    }

    public static IReadOnlyList<Report> Parse(string output)
    {
        var reports = new List<Report>();
        var lines = output.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var header = Header.Match(lines[i]);
            if (!header.Success)
            {
                continue;
            }

            var location = i + 1 < lines.Length ? Location.Match(lines[i + 1]) : Match.Empty;
            reports.Add(location.Success && location.Groups["file"].Success
                ? new Report(header.Groups[2].Value, location.Groups["file"].Value, int.Parse(location.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture))
                : new Report(header.Groups[2].Value, null, null));
        }

        return reports;
    }
}

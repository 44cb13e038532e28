using System.Buffers.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace KernelPrBot.Review.Planning;

/// <summary>
/// Hidden HTML comments in what the bot posts. They let a re-run find its own comments again, so it edits
/// instead of duplicating, and they carry the little state the bot keeps on the pull request itself.
/// </summary>
public static partial class Markers
{
    public const string Prefix = "<!-- kernel-pr-bot:";
    public const string Summary = Prefix + "summary -->";

    public static string Finding(string fingerprint, bool resolved) =>
        $"{Prefix}finding {fingerprint}{(resolved ? " resolved" : string.Empty)} -->";

    public static string Reply(long commentId) => $"{Prefix}reply {commentId} -->";

    public static bool IsSummary(string? body) => body is not null && body.Contains(Summary, StringComparison.Ordinal);

    public static bool TryParseFinding(string? body, out string fingerprint, out bool resolved)
    {
        fingerprint = string.Empty;
        resolved = false;
        if (body is null)
        {
            return false;
        }

        var match = FindingPattern().Match(body);
        if (!match.Success)
        {
            return false;
        }

        fingerprint = match.Groups["fp"].Value;
        resolved = match.Groups["resolved"].Success;
        return true;
    }

    public static bool TryParseReply(string? body, out long commentId)
    {
        commentId = 0;
        var match = body is null ? Match.Empty : ReplyPattern().Match(body);
        return match.Success && long.TryParse(match.Groups["id"].ValueSpan, out commentId);
    }

    /// <summary>The maintainers' ignores, kept in the summary comment so they survive re-runs and host moves.</summary>
    public static string Ignores(IReadOnlyList<IgnoreEntry> ignores)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(ignores, IgnoreJson.Options);
        return $"{Prefix}ignores {Base64Url.EncodeToString(json)} -->";
    }

    /// <summary>Reads the ignores back; a damaged marker yields none rather than an error (humans can edit comments).</summary>
    public static IReadOnlyList<IgnoreEntry> ParseIgnores(string? body)
    {
        var match = body is null ? Match.Empty : IgnoresPattern().Match(body);
        if (!match.Success)
        {
            return [];
        }

        try
        {
            var json = Base64Url.DecodeFromChars(match.Groups["data"].ValueSpan);
            var list = JsonSerializer.Deserialize<List<IgnoreEntry>>(json, IgnoreJson.Options) ?? [];
            return list.Where(i => !string.IsNullOrWhiteSpace(i.RuleId)).ToList();
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return [];
        }
    }

    [GeneratedRegex(@"<!-- kernel-pr-bot:finding (?<fp>[0-9a-zA-Z_-]{4,80})(?<resolved> resolved)? -->", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex FindingPattern();

    [GeneratedRegex(@"<!-- kernel-pr-bot:reply (?<id>[0-9]{1,19}) -->", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ReplyPattern();

    [GeneratedRegex(@"<!-- kernel-pr-bot:ignores (?<data>[A-Za-z0-9_-]{0,20000}) -->", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex IgnoresPattern();

    private static class IgnoreJson
    {
        public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
    }
}

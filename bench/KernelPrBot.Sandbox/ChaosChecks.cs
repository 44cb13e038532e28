using System.Text.RegularExpressions;
using KernelPrBot.Hosting.Queues;
using KernelPrBot.Review.Planning;
using KernelPrBot.Review.Ports;
using KernelPrBot.Testing.FakeGitHub;

namespace KernelPrBot.Sandbox;

/// <summary>The rows both forges share: what was injected and retried, and where every dead letter came from and shows.</summary>
internal static partial class ChaosChecks
{
    public static void Add(IChaosForge forge, IReadOnlyList<ChaosPullRequest> prs, IReadOnlyList<DeadLetter> dead, int events, ChaosReport report)
    {
        report.Info("events delivered", events);
        report.Info("PRs (of them doomed)", $"{prs.Count} ({prs.Count(p => p.Doomed)})");
        var kinds = forge.Faults.InjectedByKind;
        report.Info("faults injected", forge.Faults.Injected);
        report.Info("  by kind", string.Join(", ", kinds.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key}: {k.Value}")));
        report.Info("retries (a failed method+path sent again)", Retries(forge.Requests));
        report.Info("dead-lettered jobs", dead.Count);

        var strays = dead.Where(d => !prs.Any(p => p.Owns(d))).ToList();
        foreach (var d in strays)
        {
            report.Problem($"dead letter for {d.Request.Repository}#{d.Request.Number}, which the run did not open");
        }

        var unreported = 0;
        foreach (var pr in prs)
        {
            foreach (var d in dead.Where(pr.Owns).Where(d => !forge.Reported(pr, d)))
            {
                unreported += report.Count(1, $"{pr.Name}: dead letter ({d.Request.Trigger}) not shown on the PR: {d.Reason}");
            }
        }

        var doomedAlive = prs.Where(p => p.Doomed && !dead.Any(p.Owns)).ToList();
        doomedAlive.ForEach(p => report.Problem($"{p.Name}: doomed but not dead-lettered"));
        var others = prs.Where(p => !p.Doomed).SelectMany(p => dead.Where(p.Owns).Select(d => (Pr: p, Letter: d))).ToList();
        foreach (var (pr, letter) in others)
        {
            report.Note($"{pr.Name} dead-lettered after {letter.Attempts} attempts: {Clip(letter.Reason)}");
        }

        var unexplained = others.Count(o => !Transient().IsMatch(o.Letter.Reason));
        report.Must("doomed PRs without a dead letter", doomedAlive.Count);
        report.Must("dead letters not shown on the PR (failed status with the reason)", unreported + strays.Count);
        report.Info("dead letters of non-doomed PRs (reasons below)", others.Count);
        report.Must("  of them not explained by an injected fault", unexplained);
    }

    /// <summary>Requests that repeat a method and path whose previous answer was a fault, a limit or a reset.</summary>
    private static int Retries(IReadOnlyList<RecordedRequest> requests)
    {
        var failed = new HashSet<string>(StringComparer.Ordinal);
        var retries = 0;
        foreach (var r in requests.OrderBy(r => r.Time))
        {
            var key = r.Method + " " + r.Path;
            if (failed.Contains(key))
            {
                retries++;
            }

            if (r.Status is RecordedRequest.ResetStatus or 403 or 429 or >= 500)
            {
                failed.Add(key);
            }
            else
            {
                failed.Remove(key);
            }
        }

        return retries;
    }

    /// <summary>Finding fingerprints that appear in more than one comment, with how often.</summary>
    public static IEnumerable<(string Fingerprint, int Times)> RepeatedFindings(IEnumerable<string> bodies) =>
        bodies.Select(b => Markers.TryParseFinding(b, out var fingerprint, out _) ? fingerprint : null).OfType<string>()
            .GroupBy(f => f, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => (g.Key, g.Count()));

    /// <summary>The part of a reason every report keeps whole (reports clip long reasons).</summary>
    public static string ReasonStart(string reason) => reason.Length > 100 ? reason[..100] : reason;

    private static string Clip(string text) => text.Length > 200 ? text[..200] + "…" : text;

    /// <summary>Reasons the injected faults produce: 5xx, rate limits, timeouts, resets, an open circuit.</summary>
    [GeneratedRegex(@"\b(5\d\d|429|403|Retry later|rate limit|Timeout|timed out|HttpRequestException|HttpIOException|IOException|reset|BrokenCircuit|RateLimited|Server Error|Service Unavailable|Bad Gateway|Gateway Time)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 1000)]
    private static partial Regex Transient();
}

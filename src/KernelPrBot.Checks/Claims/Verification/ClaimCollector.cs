using KernelPrBot.Checks.Claims;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Rules;

namespace KernelPrBot.Checks.Claims.Verification;

/// <summary>
/// During one analysis run: hands each changed file the model's claims about it, adds the confirmed claims that no
/// rule reported to the findings, and at the end of each patch marks the claims about files it does not change as out
/// of diff.
/// </summary>
internal sealed class ClaimCollector
{
    private readonly ModelAnswers? _answers;
    private readonly PatchSeries _series;
    private readonly Dictionary<string, (RuleDescriptor Rule, Severity Severity)> _enabled;
    private readonly List<VerifiedClaim> _verified = [];
    private readonly List<string> _dropped = [];
    private readonly HashSet<PatchAnswer> _used = [];
    private readonly Dictionary<int, (PatchAnswer Answer, HashSet<string> Files)> _byPatch = [];

    public ClaimCollector(ModelAnswers? answers, PatchSeries series, IEnumerable<(Rule Rule, Severity Severity)> rules)
    {
        _answers = answers;
        _series = series;
        _enabled = answers is null ? [] : rules.ToDictionary(r => r.Rule.Descriptor.Id, r => (r.Rule.Descriptor, r.Severity), StringComparer.Ordinal);
    }

    /// <summary>Whether there are claims to verify at all (without, the analysis does nothing more for them).</summary>
    public bool Any => _answers is not null;

    public IReadOnlyList<VerifiedClaim> Verified => _verified;

    public IReadOnlyList<string> Dropped
    {
        get
        {
            var unmatched = _answers?.Patches.Where(p => !_used.Contains(p) && p.Claims.Count > 0)
                .Select(p => $"{p.Claims.Count} claim(s) for {p.Commit ?? p.Subject ?? "an unnamed patch"}: no such patch in the series") ?? [];
            return [.. _dropped, .. unmatched];
        }
    }

    public void VerifyFile(int patchIndex, FileFacts facts, IReadOnlyList<Finding> fileFindings, Dictionary<string, int> ordinals, List<Finding> findings)
    {
        if (AnswerFor(patchIndex) is not { } entry)
        {
            return;
        }

        var claims = entry.Answer.Claims.Where(c => c.File == facts.File.Path).ToList();
        entry.Files.Add(facts.File.Path);
        foreach (var verified in ClaimVerifier.Verify(facts, claims, _answers!.Model, fileFindings, _enabled, ordinals))
        {
            _verified.Add(verified);
            if (verified is { Verdict: ClaimVerdict.Confirmed, AlreadyReported: false, Finding: { } finding } &&
                !findings.Any(f => f.Fingerprint == finding.Fingerprint))
            {
                findings.Add(finding);
            }
        }
    }

    public void FinishPatch(int patchIndex)
    {
        if (AnswerFor(patchIndex) is not { } entry)
        {
            return;
        }

        var commit = _series.Patches[patchIndex].Commit;
        foreach (var claim in entry.Answer.Claims.Where(c => !entry.Files.Contains(c.File)))
        {
            _verified.Add(new VerifiedClaim(claim, _answers!.Model, ClaimVerdict.OutOfDiff, $"{claim.File} is not changed by this patch") { Commit = commit?.Id ?? commit?.Subject });
        }
    }

    private (PatchAnswer Answer, HashSet<string> Files)? AnswerFor(int patchIndex)
    {
        if (_answers is null)
        {
            return null;
        }

        if (_byPatch.TryGetValue(patchIndex, out var known))
        {
            return known;
        }

        var patch = _series.Patches[patchIndex];
        // An answer that names no patch is about the one patch with files (a pull request's diff, or a single mail).
        var onlyPatch = patch.Files.Count > 0 && _series.Patches.Count(p => p.Files.Count > 0) == 1;
        var answer = _answers.For(patch.Commit?.Id, patch.Commit?.Subject, onlyPatch);
        if (answer is null || !_used.Add(answer))
        {
            return null;
        }

        _dropped.AddRange(answer.Dropped.Select(d => $"{answer.Commit ?? answer.Subject ?? "patch"}: {d}"));
        return _byPatch[patchIndex] = (answer, new HashSet<string>(StringComparer.Ordinal));
    }
}

using KernelPrBot.Checks.Claims;
using KernelPrBot.Checks.Claims.Verification;
using KernelPrBot.Checks.Config;
using KernelPrBot.Checks.Index;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Rules;
using KernelPrBot.Checks.Source;

namespace KernelPrBot.Checks.Analysis;

/// <summary>Runs the enabled rules over a patch series. Pure: no I/O, no clock, no global state.</summary>
public sealed class Analyzer
{
    private readonly IReadOnlyList<(Rule Rule, Severity Severity)> _rules;
    private readonly CheckConfig _config;

    public Analyzer(IEnumerable<Rule> rules, CheckConfig? config = null)
    {
        _config = config ?? CheckConfig.Empty;
        _rules = rules
            .Select(r => (Rule: r, Setting: _config.SettingFor(r.Descriptor.Id)))
            .Where(x => x.Setting?.Enabled ?? true)
            .Select(x => (x.Rule, x.Setting?.Severity ?? x.Rule.Descriptor.DefaultSeverity))
            .ToList();
    }

    public const string SkippedWithoutIndex = "unknown-symbol, wrong-arity and unknown-header skipped: no symbol index (use --index FILE or --tree DIR)";

    public const string NoTreeSummaries =
        "context checks without the tree's summaries (no symbol index): calls into other functions of the tree are not followed, and atomic callers in other files and documented atomic ops slots are not known";

    public IReadOnlyList<RuleDescriptor> EnabledRules => _rules.Select(r => r.Rule.Descriptor).ToList();

    /// <param name="progress">Called with (patches done, patches in all) after each patch, for a progress display.</param>
    public AnalysisResult Run(
        PatchSeries series, IReadOnlyDictionary<(int Patch, string Path), FileImages>? images = null, AnalysisOptions? options = null, Action<int, int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        options ??= AnalysisOptions.Default;
        var findings = new List<Finding>();
        var diagnostics = new List<PatchDiagnostic>(series.Diagnostics);
        var ordinals = new Dictionary<string, int>(StringComparer.Ordinal);
        var fileCount = 0;
        var definitions = new Lazy<PatchDefinitions>(() => PatchDefinitions.Collect(series.Patches));
        var unseenBases = new SortedSet<string>(StringComparer.Ordinal);
        var notesUnseenBases = options.Symbols is not null && _rules.Any(r => r.Rule.Descriptor.NeedsSymbolIndex);
        var claims = new ClaimCollector(options.Claims, series, _rules);
        for (var p = 0; p < series.Patches.Count; p++)
        {
            var patch = series.Patches[p];
            if (patch.Commit is { } commit && !IsCoverLetter(patch))
            {
                foreach (var (rule, severity) in _rules)
                {
                    var reporter = new RuleReporter(rule.Descriptor, severity, ordinals);
                    Guard(rule, patch, patch.StartLine, "the commit message", "commit", diagnostics, () => rule.AnalyzeCommit(new CommitContext(patch, commit, options, reporter)));
                    findings.AddRange(reporter.Findings);
                }
            }

            foreach (var file in patch.Files.Where(f => !f.IsBinary && !_config.IsExcluded(f.Path)))
            {
                fileCount++;
                FileImages? image = null;
                images?.TryGetValue((p, file.Path), out image);
                var baseNotInTree = images is not null && image is null && file.OldPath is not null;
                if (baseNotInTree && notesUnseenBases && FileContext.IsKernelCPath(file.Path))
                {
                    unseenBases.Add(file.Path);
                }

                var facts = new FileFacts(patch, file, image, options, definitions, baseNotInTree: baseNotInTree);
                var fileStart = findings.Count;
                foreach (var (rule, severity) in _rules)
                {
                    if (rule is IDifferentialRule && facts.IsDifferential)
                    {
                        Guard(rule, patch, file.PatchLine, file.Path, "file", diagnostics, () => findings.AddRange(NewInPatch(rule, severity, facts)));
                        continue;
                    }

                    var reporter = new RuleReporter(rule.Descriptor, severity, ordinals);
                    Guard(rule, patch, file.PatchLine, file.Path, "file", diagnostics, () => rule.AnalyzeFile(new FileContext(facts, reporter)));
                    findings.AddRange(reporter.Findings);
                }

                if (claims.Any)
                {
                    claims.VerifyFile(p, facts, findings.Skip(fileStart).Where(f => f.Kind == FindingKind.Code).ToList(), ordinals, findings);
                }
            }

            claims.FinishPatch(p);
            progress?.Invoke(p + 1, series.Patches.Count);
        }

        return new AnalysisResult(Ordered(findings), diagnostics, Notes(series, images, options, unseenBases), series.Patches.Count(x => x.Commit is not null && !IsCoverLetter(x)), fileCount)
        {
            Claims = claims.Verified,
            DroppedClaims = claims.Dropped,
        };
    }

    /// <summary>
    /// The 0/N mail of <c>git format-patch --cover-letter</c>: it introduces the series and changes nothing, so it
    /// carries no Signed-off-by and the commit rules do not apply to it.
    /// </summary>
    public static bool IsCoverLetter(Patch patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        return patch.Files.Count == 0 && patch.Commit?.Tag is { Index: 0, Count: > 0 };
    }

    /// <summary>
    /// The rule's findings on the patched file minus those it makes on the base version (by fingerprint, which
    /// holds no line number): what the patch brought. Each side counts its own repeated evidence.
    /// </summary>
    private static List<Finding> NewInPatch(Rule rule, Severity severity, FileFacts facts)
    {
        var before = new RuleReporter(rule.Descriptor, severity);
        rule.AnalyzeFile(new FileContext(facts.Baseline!, before));
        var after = new RuleReporter(rule.Descriptor, severity);
        rule.AnalyzeFile(new FileContext(facts, after));
        var old = before.Findings.Select(f => f.Fingerprint).ToHashSet(StringComparer.Ordinal);
        return after.Findings.Where(f => !old.Contains(f.Fingerprint)).ToList();
    }

    /// <summary>Runs one rule on one commit or file; a rule that throws costs its own findings there, not the review.</summary>
    private static void Guard(Rule rule, Patch patch, int line, string what, string kind, List<PatchDiagnostic> diagnostics, Action run)
    {
        try
        {
            run();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            diagnostics.Add(new PatchDiagnostic(patch.Source, line, DiagnosticSeverity.Warning,
                $"rule {rule.Descriptor.Id} could not analyse {what} ({ex.GetType().Name}: {ex.Message}); its findings for this {kind} are missing"));
        }
    }

    private static List<Finding> Ordered(List<Finding> findings) => findings
        .OrderBy(f => f.Kind)
        .ThenBy(f => f.File, StringComparer.Ordinal)
        .ThenBy(f => f.Line)
        .ThenBy(f => f.RuleId, StringComparer.Ordinal)
        .ToList();

    private List<string> Notes(PatchSeries series, IReadOnlyDictionary<(int Patch, string Path), FileImages>? images, AnalysisOptions options, SortedSet<string> unseenBases)
    {
        var notes = new List<string>();
        if (unseenBases.Count > 0)
        {
            const int Shown = 5;
            var named = string.Join(", ", unseenBases.Take(Shown)) + (unseenBases.Count > Shown ? $" and {unseenBases.Count - Shown} more" : string.Empty);
            notes.Add($"unknown-symbol, wrong-arity and unknown-header not checked in {named}: the tree has no base version of {(unseenBases.Count == 1 ? "this file" : "these files")} (missing there, or a hunk does not apply), so what {(unseenBases.Count == 1 ? "it defines" : "they define")} is unseen");
        }

        var covers = series.Patches.Count(IsCoverLetter);
        if (covers > 0)
        {
            notes.Add(covers == 1 ? "the cover letter (0/N) was not checked: it changes nothing and carries no sign-off" : $"{covers} cover letters (0/N) were not checked: they change nothing and carry no sign-off");
        }

        if (images is not null && images.Count > 0)
        {
            notes.Add("findings that the base version of a changed function already had are not reported (differential analysis)");
        }

        if (images is null && series.Patches.Any(p => p.Files.Count > 0))
        {
            notes.Add("analysed the hunks only (no --tree): context checks saw only functions the diff shows whole, and only added lines are reported");
        }

        if (options.Symbols is null && _rules.Any(r => r.Rule.Descriptor.NeedsSymbolIndex) && series.Patches.Any(p => p.Files.Count > 0))
        {
            notes.Add(SkippedWithoutIndex);
        }

        if (options.Symbols is null && _rules.Any(r => r.Rule is Rules.Context.ContextRule) && series.Patches.Any(p => p.Files.Any(f => f.Path.EndsWith(".c", StringComparison.Ordinal) || f.Path.EndsWith(".h", StringComparison.Ordinal))))
        {
            notes.Add(NoTreeSummaries);
        }

        return notes;
    }
}

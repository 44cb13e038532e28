using KernelPrBot.Checks.Config;
using KernelPrBot.Checks.Index;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Rules;

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

    public const string SkippedWithoutIndex = "api checks skipped: no symbol index (use --index FILE or --tree DIR)";

    public IReadOnlyList<RuleDescriptor> EnabledRules => _rules.Select(r => r.Rule.Descriptor).ToList();

    /// <summary>Runs a rule on the base version and on the patched file; keeps what the base did not have.</summary>
    private static void RunDifferential(Rule rule, Severity severity, FileContext context, FileContext baseline, FindingSink sink)
    {
        var baseSink = new FindingSink();
        baseSink.Begin(rule.Descriptor, severity);
        baseline.Sink = baseSink;
        rule.AnalyzeFile(baseline);
        var before = baseSink.Findings.Select(f => f.Fingerprint).ToHashSet(StringComparer.Ordinal);

        var postSink = new FindingSink();
        postSink.Begin(rule.Descriptor, severity);
        context.Sink = postSink;
        rule.AnalyzeFile(context);
        context.Sink = sink;
        sink.Import(postSink, before);
    }

    /// <param name="progress">Called with (patches done, patches in all) after each patch, for a progress display.</param>
    public AnalysisResult Run(
        PatchSeries series, IReadOnlyDictionary<(int Patch, string Path), FileImages>? images = null, AnalysisOptions? options = null, Action<int, int>? progress = null)
    {
        options ??= AnalysisOptions.Default;
        var sink = new FindingSink();
        var diagnostics = new List<PatchDiagnostic>(series.Diagnostics);
        var fileCount = 0;
        var definitions = new Lazy<PatchDefinitions>(() => PatchDefinitions.Collect(series.Patches));
        for (var p = 0; p < series.Patches.Count; p++)
        {
            var patch = series.Patches[p];
            foreach (var (rule, severity) in _rules)
            {
                sink.Begin(rule.Descriptor, severity);
                if (patch.Commit is { } commit)
                {
                    try
                    {
                        rule.AnalyzeCommit(new CommitContext(patch, commit, options, sink));
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException)
                    {
                        // As for files below: one rule failing on one commit must not cost the whole review.
                        diagnostics.Add(new PatchDiagnostic(patch.Source, patch.StartLine, DiagnosticSeverity.Warning,
                            $"rule {rule.Descriptor.Id} could not analyse the commit message ({ex.GetType().Name}: {ex.Message}); its findings for this commit are missing"));
                    }
                }
            }

            foreach (var file in patch.Files)
            {
                if (file.IsBinary || _config.IsExcluded(file.Path))
                {
                    continue;
                }

                fileCount++;
                FileImages? image = null;
                images?.TryGetValue((p, file.Path), out image);
                var context = new FileContext(patch, file, image, options, sink, definitions);
                foreach (var (rule, severity) in _rules)
                {
                    try
                    {
                        if (rule is IDifferentialRule && context.IsDifferential)
                        {
                            RunDifferential(rule, severity, context, context.Baseline!, sink);
                            continue;
                        }

                        sink.Begin(rule.Descriptor, severity);
                        rule.AnalyzeFile(context);
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException)
                    {
                        // One rule failing on one file must not cost the other findings; say so and go on.
                        context.Sink = sink;
                        diagnostics.Add(new PatchDiagnostic(patch.Source, file.PatchLine, DiagnosticSeverity.Warning,
                            $"rule {rule.Descriptor.Id} could not analyse {file.Path} ({ex.GetType().Name}: {ex.Message}); its findings for this file are missing"));
                    }
                }
            }

            progress?.Invoke(p + 1, series.Patches.Count);
        }

        var notes = new List<string>();
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

        var findings = sink.Findings
            .OrderBy(f => f.Kind)
            .ThenBy(f => f.File, StringComparer.Ordinal)
            .ThenBy(f => f.Line)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal)
            .ToList();
        return new AnalysisResult(findings, diagnostics, notes, series.Patches.Count(p => p.Commit is not null), fileCount);
    }
}

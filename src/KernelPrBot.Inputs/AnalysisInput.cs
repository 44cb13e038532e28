using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Rules;

namespace KernelPrBot.Inputs;

/// <summary>Everything one analysis run gets besides the patches, what could not be provided, and what went wrong providing it.</summary>
/// <param name="NotChecked">Inputs the host has no way to give (no tree, no perl, no LICENSES/), one line each.</param>
/// <param name="Problems">Inputs that failed this time (checkpatch.pl failing on an input), one line each.</param>
public sealed record AnalysisInput(AnalysisOptions Options, IReadOnlyList<string> NotChecked, IReadOnlyList<string> Problems);

using KernelPrBot.Checks.Analysis;

namespace KernelPrBot.Checks.Output;

/// <summary>Writes an analysis result in one output format.</summary>
public interface IFindingFormatter
{
    void Write(AnalysisResult result, TextWriter writer);
}

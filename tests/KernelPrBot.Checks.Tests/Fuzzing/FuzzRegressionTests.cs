using KernelPrBot.Testing;
using KernelPrBot.Testing.Fuzzing;
using Xunit;

namespace KernelPrBot.Checks.Tests.Fuzzing;

/// <summary>
/// Every input a fuzz campaign (scripts/fuzz.sh) or a slow-input hunt found, replayed through every fuzz target:
/// the mbox and diff parsers, the lexer with the context analysis, and the whole check.
/// </summary>
public sealed class FuzzRegressionTests
{
    private static readonly string Folder = TestPaths.InRepo("tests", "corpus", "fuzz-regressions");

    public static TheoryData<string, string> Inputs()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.EnumerateFiles(Folder).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            foreach (var target in FuzzTargets.All.Keys)
            {
                data.Add(target, Path.GetFileName(file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Regression_input_passes_the_target(string target, string file) =>
        FuzzTargets.All[target](File.ReadAllBytes(Path.Combine(Folder, file)));

    [Fact]
    public void The_regression_corpus_is_not_empty() =>
        Assert.True(Directory.EnumerateFiles(Folder).Count(f => !f.EndsWith(".md", StringComparison.Ordinal)) >= 5);
}

using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Kernel;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Rules;
using KernelPrBot.Checks.Rules.Style;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Checks.Tests.Rules.Style;

public sealed class CheckpatchRuleTests
{
    /// <summary>The reports as the host hands them over for the one input RuleRunner parses.</summary>
    private static CheckpatchReports Canned(string output) =>
        new(new Dictionary<string, IReadOnlyList<CheckpatchReport>>(StringComparer.Ordinal) { ["test.patch"] = CheckpatchOutput.Parse(output) });

    private const string Output = """
        WARNING:LONG_LINE: line length of 112 exceeds 100 columns
        #20: FILE: drivers/misc/acme.c:3:
        +	pr_info("a very long line ...");

        ERROR:STRCPY: Prefer strscpy over strcpy
        #21: FILE: drivers/misc/acme.c:4:
        +	strcpy(a, b);

        CHECK:SPACING: spaces preferred around that '+' (ctx:VxV)
        #30: FILE: drivers/misc/acme.c:1:
        +static int x;

        WARNING:COMMIT_MESSAGE: Missing commit description - Add an appropriate one

        WARNING:TRAILING_WHITESPACE: trailing whitespace
        #40: FILE: drivers/misc/other.c:3:
        """;

    [Fact]
    public void Parses_levels_types_messages_and_places()
    {
        var reports = CheckpatchOutput.Parse(Output);
        Assert.Equal(5, reports.Count);
        Assert.Equal(new CheckpatchReport("WARNING", "LONG_LINE", "line length of 112 exceeds 100 columns", "drivers/misc/acme.c", 3), reports[0]);
        Assert.Equal(new CheckpatchReport("WARNING", "COMMIT_MESSAGE", "Missing commit description - Add an appropriate one", null, null), reports[3]);
    }

    [Fact]
    public void Reports_on_added_lines_with_the_type_and_leaves_covered_types_to_our_rules()
    {
        var before = "static int x;\nstatic int y;\n";
        var after = "static int x;\nstatic int y;\n\tpr_info(\"a very long line ...\");\n\tstrcpy(a, b);\n";
        var patch = new PatchBuilder().SignedOffByAuthor().ModifyFile("drivers/misc/acme.c", before, after).Build();
        var options = AnalysisOptions.Default with { Checkpatch = Canned(Output) };
        var findings = RuleRunner.Run(new CheckpatchRule(), patch, options);
        var finding = Assert.Single(findings);
        Assert.Equal(3, finding.Line);
        Assert.Equal("checkpatch WARNING LONG_LINE: line length of 112 exceeds 100 columns", finding.Message);
    }

    [Fact]
    public void Without_checkpatch_it_reports_nothing()
    {
        var patch = new PatchBuilder().SignedOffByAuthor().AddFile("drivers/misc/acme.c", "int x;\n").Build();
        Assert.Empty(RuleRunner.Run(new CheckpatchRule(), patch));
    }

    [KernelTreeFact]
    public void Every_covered_type_exists_in_the_trees_checkpatch()
    {
        var script = File.ReadAllText(Path.Combine(KernelTree.Path!, "scripts", "checkpatch.pl"));
        Assert.All(CheckpatchOutput.TypeToRules.Keys, type => Assert.Contains($"\"{type}\"", script, StringComparison.Ordinal));
    }
}

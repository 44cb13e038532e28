using System.Text;
using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Rules;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Checks.Tests.Patches;

/// <summary>Hostile and broken input: each gives a clear diagnostic or a clear partial result, never an exception.</summary>
public sealed class BadInputTests
{
    private static PatchSeries ParseBytes(byte[] bytes) => PatchParser.Parse(bytes, "bad.patch");

    [Theory]
    [InlineData("")]
    [InlineData("\n\n   \n")]
    public void Empty_input_is_an_error(string text)
    {
        var series = PatchParser.Parse(text, "bad.patch");
        Assert.Empty(series.Patches);
        Assert.Equal("input is empty", Assert.Single(series.Diagnostics).Message);
    }

    [Fact]
    public void Binary_file_is_rejected_by_name()
    {
        var bytes = new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F', 0, 0, 1, 2 };
        var d = Assert.Single(ParseBytes(bytes).Diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Contains("binary file", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_that_is_not_a_patch_says_so()
    {
        var series = PatchParser.Parse("Hello,\nthis is a letter, not a patch.\n", "bad.patch");
        Assert.Contains(series.Diagnostics, d => d.Message.StartsWith("no patch found", StringComparison.Ordinal));
    }

    [Fact]
    public void Git_binary_patch_is_read_as_a_binary_change()
    {
        const string Diff = "diff --git a/fw.bin b/fw.bin\nindex 1..2 100644\nGIT binary patch\nliteral 12\nTcmZ?l00000\n\nliteral 0\nHcmV?d00001\n\n";
        var file = Assert.Single(Assert.Single(PatchParser.Parse(Diff, "b").Patches).Files);
        Assert.True(file.IsBinary);
        Assert.Empty(file.Hunks);
    }

    [Fact]
    public void Non_utf8_bytes_are_read_as_latin1_with_a_warning()
    {
        var mail = new PatchBuilder().From("Jose Garcia <jose@example.org>").SignedOffByAuthor().AddFile("a.c", "/* caf\u00e9 */\n").Build();
        var bytes = Encoding.Latin1.GetBytes(mail);
        var series = ParseBytes(bytes);
        var warning = Assert.Single(series.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains("not valid UTF-8", warning.Message, StringComparison.Ordinal);
        Assert.Equal("/* caf\u00e9 */", Assert.Single(series.Patches).Files[0].AddedLines.Single().Text);
    }

    [Fact]
    public void Truncated_hunk_keeps_the_lines_read_and_names_the_hunk()
    {
        var mail = new PatchBuilder().SignedOffByAuthor().AddFile("a.c", "int a;\nint b;\nint c;\nint d;\n").Build();
        var cut = mail[..(mail.IndexOf("+int c;", StringComparison.Ordinal))];
        var series = PatchParser.Parse(cut, "cut.patch");
        var d = Assert.Single(series.Diagnostics);
        Assert.Contains("truncated", d.Message, StringComparison.Ordinal);
        Assert.Contains("@@ -0,0 +1,4 @@", d.Message, StringComparison.Ordinal);
        Assert.Equal(2, series.Patches[0].Files[0].AddedLines.Count());
    }

    [Fact]
    public void Hunk_whose_counts_are_too_large_is_reported_at_the_line_that_breaks_it()
    {
        const string Diff = "--- a/x.c\n+++ b/x.c\n@@ -1,5 +1,6 @@\n a\n+b\n c\n--- a/y.c\n+++ b/y.c\n@@ -1 +1 @@\n-p\n+q\n";
        var series = PatchParser.Parse(Diff, "lie.patch");
        var d = Assert.Single(series.Diagnostics);
        Assert.Equal(7, d.Line);
        Assert.Contains("fewer lines than its header counts", d.Message, StringComparison.Ordinal);
        Assert.Equal(["x.c", "y.c"], series.Patches[0].Files.Select(f => f.Path));
    }

    [Fact]
    public void Hunk_whose_counts_are_too_small_reports_the_stray_lines()
    {
        const string Diff = "--- a/x.c\n+++ b/x.c\n@@ -1,1 +1,1 @@\n-a\n+b\n+c\n";
        var series = PatchParser.Parse(Diff, "lie.patch");
        var d = Assert.Single(series.Diagnostics);
        Assert.Equal(6, d.Line);
        Assert.Contains("outside any hunk", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--- a/../../etc/passwd\n+++ b/../../etc/passwd\n@@ -1 +1 @@\n-a\n+b\n")]
    [InlineData("diff --git a/drivers/../../x.c b/drivers/../../x.c\n--- a/drivers/../../x.c\n+++ b/drivers/../../x.c\n@@ -1 +1 @@\n-a\n+b\n")]
    [InlineData("diff --git a/x.c b/y.c\nsimilarity index 100%\nrename from x.c\nrename to /etc/shadow\n")]
    [InlineData("diff --git a/x.c b/x.c\nnew file mode 100644\n--- /dev/null\n+++ \"b/a/\\056\\056/\\056\\056/x.c\"\n@@ -0,0 +1 @@\n+b\n")]
    public void Paths_that_leave_the_tree_are_refused(string diff)
    {
        var series = PatchParser.Parse(diff, "evil.patch");
        Assert.Empty(series.Patches.SelectMany(p => p.Files));
        Assert.Contains(series.Diagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Message.Contains("is not allowed", StringComparison.Ordinal));
    }

    [Fact]
    public void Malformed_hunk_header_is_named()
    {
        var series = PatchParser.Parse("--- a/x.c\n+++ b/x.c\n@@ -1,x +1 @@\n-a\n+b\n", "bad.patch");
        Assert.Contains(series.Diagnostics, d => d.Message.StartsWith("malformed hunk header '@@ -1,x +1 @@'", StringComparison.Ordinal) && d.Line == 3);
    }

    [Theory]
    [InlineData("@@ -\u0661,2 +1,2 @@")] // Arabic-Indic digit one: a digit to Unicode, not to a diff
    [InlineData("@@ -1,2 +\uff11,2 @@")] // fullwidth digit one
    [InlineData("@@ -1234567890,2 +1,2 @@")] // ten digits: past what any line number needs
    [InlineData("@@ -1, +1,2 @@")]
    [InlineData("@@ -1,2 +1,2 @")]
    [InlineData("@@ -1,2  +1,2 @@")]
    public void Hunk_header_with_other_digits_or_shapes_is_malformed_not_a_crash(string header)
    {
        var series = PatchParser.Parse($"--- a/x.c\n+++ b/x.c\n{header}\n-a\n+b\n", "bad.patch");
        Assert.Contains(series.Diagnostics, d => d.Message.StartsWith($"malformed hunk header '{header}'", StringComparison.Ordinal) && d.Line == 3);
    }

    [Theory]
    [InlineData("@@ -3,2 +3,2 @@ static int probe(void)", 3, 2, 3, 2, "static int probe(void)")]
    [InlineData("@@ -3 +3 @@", 3, 1, 3, 1, "")]
    [InlineData("@@ -0,0 +1,2 @@", 0, 0, 1, 2, "")]
    [InlineData("@@ -999999999,2 +999999999,2 @@\tint x;  ", 999999999, 2, 999999999, 2, "int x;")]
    public void Hunk_header_numbers_and_section_are_read(string line, int oldStart, int oldCount, int newStart, int newCount, string section)
    {
        Assert.True(HunkHeader.TryParse(line, out var header));
        Assert.Equal(new HunkHeader(oldStart, oldCount, newStart, newCount, section), header);
    }

    [Fact]
    public void Fifty_megabyte_patch_parses_and_checks()
    {
        var sb = new StringBuilder(52 * 1024 * 1024);
        var body = new StringBuilder();
        const int Lines = 1_000_000;
        for (var i = 0; i < Lines; i++)
        {
            body.Append("\tvalue_").Append(i).Append(" = compute(value_").Append(i).Append(", 42); /* padding padding */\n");
        }

        sb.Append(new PatchBuilder().SignedOffByAuthor().AddFile("drivers/huge/huge.c", body.ToString()).Build());
        Assert.True(sb.Length > 50 * 1024 * 1024, $"the patch is {sb.Length} characters");
        var series = PatchParser.Parse(sb.ToString(), "huge.patch");
        Assert.Empty(series.Diagnostics);
        Assert.Equal(Lines, series.Patches[0].Files[0].Hunks[0].Lines.Count);
        var result = new Analyzer(RuleCatalog.All).Run(series);
        Assert.DoesNotContain(result.Findings, f => f.Kind == FindingKind.Code && f.RuleId != "spdx-license");
    }

    [Fact]
    public void A_hundred_thousand_character_line_and_deep_nesting_parse()
    {
        var longLine = "int x = " + new string('(', 50_000) + "1" + new string(')', 50_000) + ";";
        var patch = new PatchBuilder().SignedOffByAuthor().AddFile("a.c", longLine + "\n" + new string('{', 10_000) + new string('}', 10_000) + "\n").Build();
        var result = new Analyzer(RuleCatalog.All).Run(PatchParser.Parse(patch, "long.patch"));
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Megabyte_lines_quoted_by_findings_are_clipped_in_the_messages()
    {
        var huge = new string('A', 1_000_000);
        var patch = new PatchBuilder().Subject("acme: " + huge).Trailer("Signed-off-by: Jane Developer <jane@example.org> " + huge)
            .AddFile("drivers/misc/acme.c", "// SPDX-License-Identifier: GPL-2.0\nint acme;\n").Build();
        var result = new Analyzer(RuleCatalog.All).Run(PatchParser.Parse(patch, "huge.patch"));

        Assert.Contains(result.Findings, f => f.RuleId == "sign-off-mismatch" && f.Message.StartsWith("unexpected text 'AAAA", StringComparison.Ordinal));
        Assert.All(result.Findings, f =>
        {
            Assert.True(f.Message.Length <= 1_000, $"{f.RuleId}: message of {f.Message.Length} characters");
            Assert.True((f.Hint?.Length ?? 0) <= 1_000, $"{f.RuleId}: hint of {f.Hint?.Length} characters");
            Assert.True((f.Commit?.Length ?? 0) <= 200, $"{f.RuleId}: commit of {f.Commit?.Length} characters");
        });
    }
}

using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Rules;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Checks.Tests.Analysis;

/// <summary>A <c>git format-patch --cover-letter</c> series: the 0/N mail is not a commit to sign off.</summary>
public sealed class CoverLetterTests
{
    private const string Cover = """
        From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001
        From: Jane Developer <jane@example.org>
        Date: Mon, 6 Jan 2025 10:00:00 +0000
        Subject: [PATCH net-next v2 0/2] net: acme: rx statistics

        This series adds rx statistics to the acme driver.

        Jane Developer (2):
          net: acme: count rx drops
          net: acme: report rx drops

         drivers/net/ethernet/acme/acme_main.c | 2 ++
         1 file changed, 2 insertions(+)

        --
        2.43.0

        """;

    private static string Mail(int index, bool signed) => new PatchBuilder()
        .Subject($"[PATCH net-next v2 {index}/2] net: acme: step {index}")
        .Body("Explain the step in a sentence or two.")
        .Trailer(signed ? "Signed-off-by: Jane Developer <jane@example.org>" : "Acked-by: Rob Reviewer <rob@example.org>")
        .ModifyFile("drivers/net/ethernet/acme/acme_main.c", "int a;\n", $"int a;\nint b{index};\n")
        .Build()
        .Replace("Subject: [PATCH] [PATCH", "Subject: [PATCH", StringComparison.Ordinal); // the builder adds a bare [PATCH]

    [Fact]
    public void The_cover_letter_gets_no_commit_findings_and_is_named_in_a_note()
    {
        var series = PatchSeries.Combine([PatchParser.Parse(Cover, "0000-cover-letter.patch"), PatchParser.Parse(Mail(1, true), "0001.patch"), PatchParser.Parse(Mail(2, true), "0002.patch")]);
        var result = new Analyzer(RuleCatalog.All).Run(series);

        Assert.DoesNotContain(result.Findings, f => f.File == "0000-cover-letter.patch");
        Assert.Contains("the cover letter (0/N) was not checked: it changes nothing and carries no sign-off", result.Notes);
        Assert.Equal(2, result.CommitCount);
    }

    [Fact]
    public void A_real_patch_without_sign_off_is_still_reported_beside_a_cover_letter()
    {
        var series = PatchSeries.Combine([PatchParser.Parse(Cover, "0000-cover-letter.patch"), PatchParser.Parse(Mail(1, true), "0001.patch"), PatchParser.Parse(Mail(2, false), "0002.patch")]);
        var result = new Analyzer(RuleCatalog.All).Run(series);

        Assert.Contains(result.Findings, f => f.File == "0002.patch" && f.RuleId == RuleIds.MissingSignedOffBy);
    }

    [Fact]
    public void A_zero_numbered_mail_that_changes_files_is_checked_as_a_commit()
    {
        var numberedZero = Mail(1, false).Replace("[PATCH net-next v2 1/2]", "[PATCH net-next v2 0/2]", StringComparison.Ordinal);
        var result = new Analyzer(RuleCatalog.All).Run(PatchParser.Parse(numberedZero, "0000.patch"));

        Assert.Contains(result.Findings, f => f.RuleId == RuleIds.MissingSignedOffBy);
        Assert.DoesNotContain(result.Notes, n => n.Contains("cover letter", StringComparison.Ordinal));
    }
}

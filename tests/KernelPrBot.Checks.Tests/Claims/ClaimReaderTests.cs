using System.Text;
using KernelPrBot.Checks.Claims;
using Xunit;

namespace KernelPrBot.Checks.Tests.Claims;

public sealed class ClaimReaderTests
{
    private static ModelAnswers Read(string json) => ClaimReader.ReadAnswers(Encoding.UTF8.GetBytes(json));

    private static string Answers(string claims) => $$"""{"model":"m-1","patches":[{"commit":"0123456789ab","claims":[{{claims}}]}]}""";

    private const string Good = """{"file":"drivers/x/a.c","line":12,"kind":"lock-not-released","confidence":0.8,"function":"a_open","explanation":"returns with the lock held"}""";

    [Fact]
    public void Reads_a_well_formed_answer()
    {
        var answers = Read(Answers(Good));

        Assert.Equal("m-1", answers.Model);
        var claim = Assert.Single(Assert.Single(answers.Patches).Claims);
        Assert.Equal(new ModelClaim("drivers/x/a.c", 12, "lock-not-released", 0.8, "returns with the lock held", "a_open"), claim);
        Assert.Empty(answers.Patches[0].Dropped);
    }

    [Theory]
    [InlineData("""{"file":"../../etc/passwd","line":1,"kind":"other","confidence":0.5,"explanation":"x"}""", "not a relative path")]
    [InlineData("""{"file":"/etc/passwd","line":1,"kind":"other","confidence":0.5,"explanation":"x"}""", "not a relative path")]
    [InlineData("""{"file":"drivers//a.c","line":1,"kind":"other","confidence":0.5,"explanation":"x"}""", "not a relative path")]
    [InlineData("""{"line":1,"kind":"other","confidence":0.5,"explanation":"x"}""", "no file")]
    [InlineData("""{"file":"a.c","line":0,"kind":"other","confidence":0.5,"explanation":"x"}""", "no line")]
    [InlineData("""{"file":"a.c","line":"12","kind":"other","confidence":0.5,"explanation":"x"}""", "no line")]
    [InlineData("""{"file":"a.c","line":1.5,"kind":"other","confidence":0.5,"explanation":"x"}""", "no line")]
    [InlineData("""{"file":"a.c","line":1,"kind":"use-after-free","confidence":0.5,"explanation":"x"}""", "none of ours")]
    [InlineData("""{"file":"a.c","line":1,"kind":"other","confidence":1.5,"explanation":"x"}""", "no confidence")]
    [InlineData("""{"file":"a.c","line":1,"kind":"other","explanation":"x"}""", "no confidence")]
    [InlineData("""{"file":"a.c","line":1,"kind":"other","confidence":0.5,"explanation":"  "}""", "no explanation")]
    [InlineData("""["not","an","object"]""", "not an object")]
    public void Drops_a_malformed_claim_with_the_reason_and_keeps_the_others(string bad, string reason)
    {
        var patch = Assert.Single(Read(Answers(bad + "," + Good)).Patches);

        Assert.Single(patch.Claims);
        Assert.Contains(reason, Assert.Single(patch.Dropped), StringComparison.Ordinal);
    }

    [Fact]
    public void Keeps_at_most_fifty_claims_a_patch()
    {
        var patch = Assert.Single(Read(Answers(string.Join(",", Enumerable.Repeat(Good, 60)))).Patches);

        Assert.Equal(ClaimReader.MaxClaimsPerPatch, patch.Claims.Count);
        Assert.Equal(10, patch.Dropped.Count);
    }

    [Fact]
    public void Clips_a_long_explanation_and_strips_a_diff_side_prefix()
    {
        var claim = Assert.Single(Assert.Single(Read(Answers($$"""{"file":"b/drivers/x/a.c","line":3,"kind":"other","confidence":0.1,"explanation":"{{new string('x', 10_000)}}"}""")).Patches).Claims);

        Assert.Equal("drivers/x/a.c", claim.File);
        Assert.True(claim.Explanation.Length <= ClaimReader.MaxExplanationLength);
    }

    [Theory]
    [InlineData("not json at all", "not valid JSON")]
    [InlineData("""{"patches":[]}""", "do not name the model")]
    [InlineData("""{"model":"m","patches":{}}""", "no \"patches\" list")]
    [InlineData("""{"model":"m","patches":[3]}""", "patch 1 of the model answers is not an object")]
    [InlineData("[]", "not a JSON object")]
    public void Refuses_a_document_that_is_not_an_answers_file(string json, string message)
    {
        var ex = Assert.Throws<ClaimFormatException>(() => Read(json));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_deep_nesting_and_huge_documents_with_a_clear_error()
    {
        var deep = """{"model":"m","patches":[{"claims":[""" + new string('[', 200) + new string(']', 200) + "]}]}";
        Assert.Contains("not valid JSON", Assert.Throws<ClaimFormatException>(() => Read(deep)).Message, StringComparison.Ordinal);

        var huge = new byte[ClaimReader.MaxDocumentBytes + 1];
        Assert.Contains("MiB", Assert.Throws<ClaimFormatException>(() => ClaimReader.ReadAnswers(huge)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_a_reply_in_a_markdown_fence_and_drops_prose()
    {
        var (claims, dropped) = ClaimReader.ReadReply("```json\n{\"claims\":[" + Good + "]}\n```");
        Assert.Single(claims);
        Assert.Empty(dropped);

        var (none, why) = ClaimReader.ReadReply("I found a bug on line 12 of a.c.");
        Assert.Empty(none);
        Assert.Contains("not valid JSON", Assert.Single(why), StringComparison.Ordinal);
    }

    [Fact]
    public void Matches_patches_by_commit_prefix_or_subject()
    {
        var answer = new PatchAnswer("0123456789ab", null, [], [], ClaimUsage.None);
        Assert.True(answer.Matches("0123456789abcdef0123456789abcdef01234567", "s", onlyPatch: false));
        Assert.False(answer.Matches("ffff456789abcdef0123456789abcdef01234567", "s", onlyPatch: true));

        var bySubject = new PatchAnswer(null, "net: acme: fix", [], [], ClaimUsage.None);
        Assert.True(bySubject.Matches(null, "net: acme: fix", onlyPatch: false));
        Assert.True(new PatchAnswer(null, null, [], [], ClaimUsage.None).Matches(null, "x", onlyPatch: true));
        Assert.False(new PatchAnswer(null, null, [], [], ClaimUsage.None).Matches(null, "x", onlyPatch: false));
    }
}

using KernelPrBot.Checks.Rules.Process;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Checks.Tests.Rules.Process;

public sealed class AiSignOffRuleTests
{
    private static readonly AiSignOffRule Rule = new();

    [Theory]
    [InlineData("Signed-off-by: Claude <noreply@anthropic.com>")]
    [InlineData("Signed-off-by: GitHub Copilot <copilot@github.com>")]
    [InlineData("Signed-off-by: ChatGPT <chatgpt@openai.com>")]
    [InlineData("Signed-off-by: claude-opus-4 <bot@example.org>")]
    [InlineData("Signed-off-by: Gemini 2.5 Pro <gemini@example.org>")]
    [InlineData("Signed-off-by: Devin <devin-ai-integration[bot]@users.noreply.github.com>")]
    [InlineData("Co-developed-by: Cursor Agent <cursoragent@cursor.com>")]
    [InlineData("Co-authored-by: Claude <noreply@anthropic.com>")]
    public void Reports_ai_tools_in_sign_offs_and_co_author_lines(string line)
    {
        var finding = Assert.Single(RuleRunner.Run(Rule, new PatchBuilder().SignedOffByAuthor().Trailer(line).Build()));
        Assert.Contains("Assisted-by: AGENT_NAME:MODEL_VERSION", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Signed-off-by: Claude Shannon <claude.shannon@example.org>")]
    [InlineData("Signed-off-by: Devin Kim <devin.kim@example.org>")]
    [InlineData("Signed-off-by: Cody Marsh <cody@example.org>")]
    [InlineData("Signed-off-by: Jules Irenge <jules@example.org>")]
    [InlineData("Assisted-by: Claude:claude-3-opus coccinelle sparse")]
    [InlineData("Assisted-by: Copilot:gpt-4.1")]
    public void Accepts_people_who_share_a_tool_name_and_well_formed_assisted_by(string line) =>
        Assert.Empty(RuleRunner.Run(Rule, new PatchBuilder().SignedOffByAuthor().Trailer(line).Build()));

    [Theory]
    [InlineData("Assisted-by: Claude <noreply@anthropic.com>")]
    [InlineData("Assisted-by: ChatGPT")]
    [InlineData("Assisted-by: Claude: claude-3-opus")]
    public void Reports_malformed_assisted_by(string line)
    {
        var finding = Assert.Single(RuleRunner.Run(Rule, new PatchBuilder().SignedOffByAuthor().Trailer(line).Build()));
        Assert.Contains("is not in the form 'AGENT_NAME:MODEL_VERSION [TOOL...]'", finding.Message, StringComparison.Ordinal);
    }
}

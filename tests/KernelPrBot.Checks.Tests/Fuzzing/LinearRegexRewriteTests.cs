using System.Text.RegularExpressions;
using CsCheck;
using KernelPrBot.Checks.Kernel;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Rules.Api.Deprecated;
using Xunit;

namespace KernelPrBot.Checks.Tests.Fuzzing;

/// <summary>
/// The patterns rewritten to run in linear time answer as the old backtracking ones did, on random strings over
/// the characters that matter to each (the old ones, with a generous timeout, are the reference).
/// </summary>
public sealed class LinearRegexRewriteTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);

    private static readonly Regex OldBugFamily = new(@"^(?:[a-zA-Z_]*_)?BUG(?:_ON)?(?:_[A-Z_]+)?$", RegexOptions.CultureInvariant, Generous);

    private static readonly Regex OldFallThrough = new(
        @"^(?:/\*+|//)\s*(?:else,?\s*)?(?:intentional(?:ly)?\s*)?(?:fall(?:s|ing)?[\s-]?thr(?:ough|u|ew)|lint -fallthrough|@fallthrough@)[\s.!]*(?:-[^\n]*)?\s*(?:\*+/)?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, Generous);

    private static readonly Regex OldWholeToolName = new(
        @"^(claude|gemini|bard|codex|cursor|aider|grok|llama|mistral|devin|cody|jules)(?:[\s:_-]+(?:opus|sonnet|haiku|pro|flash|ultra|code|agent|assistant|ai|bot|\d[\w.]*|v\d[\w.]*))*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, Generous);

    private static readonly Regex OldBracketed = new(@"^(?<name>.*?)\s*<(?<email>[^<>\s]+)>\s*(?<comment>.*)$", RegexOptions.CultureInvariant, Generous);

    private static Gen<string> Words(params string[] pieces) => Gen.OneOfConst(pieces).Array[0, 12].Select(a => string.Concat(a));

    [Fact]
    public void Bug_family_check_agrees_with_the_old_pattern() =>
        Words("BUG", "_", "ON", "_ON", "a", "x", "A", "Z", "9", "BU", "G", "WARN").Sample(
            name => Assert.Equal(OldBugFamily.IsMatch(name), BugCallCheck.IsBugFamily(name)), iter: 20_000);

    [Theory]
    [InlineData("BUG", true)]
    [InlineData("BUG_ON", true)]
    [InlineData("VM_BUG_ON_PAGE", true)]
    [InlineData("netdev_BUG_ON", true)]
    [InlineData("BUG_", false)]
    [InlineData("DEBUG", false)]
    [InlineData("BUG_ON_x", false)]
    [InlineData("A9_BUG", false)]
    public void Bug_family_examples(string name, bool expected) => Assert.Equal(expected, BugCallCheck.IsBugFamily(name));

    [Fact]
    public void Fall_through_comment_agrees_with_the_old_pattern() =>
        Gen.Select(Gen.OneOfConst("/*", "//", "/**"), Words(" ", "  ", "\t", "\n", "else", ",", "intentionally", "fall", "through", "-", "thru", ".", "!", "*/", "*", "x", "fallthrough"))
            .Select((head, rest) => head + rest)
            .Sample(text => Assert.Equal(OldFallThrough.IsMatch(text), FallThroughCommentCheck.Pattern.IsMatch(text)), iter: 20_000);

    [Fact]
    public void Whole_tool_name_agrees_with_the_old_pattern() =>
        Gen.Select(Gen.OneOfConst("claude", "Gemini", "codex", "clau"), Words(" ", "_", "-", ":", "1", "v2", ".", "opus", "pro", "x", "_1", "4.5", "!"))
            .Select((head, rest) => head + rest)
            .Sample(text => Assert.Equal(OldWholeToolName.IsMatch(text), AiAgentNames.WholeToolName.IsMatch(text)), iter: 20_000);

    [Fact]
    public void Person_pattern_agrees_with_the_old_one_on_single_lines() =>
        Words("Jane", " ", "  ", "\t", "<", ">", "a@b.c", "x@y", "\"", "Dev", "(c)", "<a@b.c>", "@").Sample(text =>
        {
            var old = OldBracketed.Match(text);
            var now = Person.Bracketed.Match(text);
            Assert.Equal(old.Success, now.Success);
            foreach (var group in new[] { "name", "email", "comment" })
            {
                Assert.Equal(old.Groups[group].Value, now.Groups[group].Value);
            }
        }, iter: 20_000);
}

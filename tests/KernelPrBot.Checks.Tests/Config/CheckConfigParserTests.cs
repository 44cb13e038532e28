using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Config;
using KernelPrBot.Checks.Rules;
using Xunit;

namespace KernelPrBot.Checks.Tests.Config;

public sealed class CheckConfigParserTests
{
    private static CheckConfig Parse(string text) => CheckConfigParser.Parse(text, ".kernel-pr-bot.yml", RuleCatalog.Ids);

    private static string Error(string text) => Assert.Throws<ConfigException>(() => Parse(text)).Message;

    [Fact]
    public void Reads_rule_settings_in_short_and_long_form_and_exclusions()
    {
        var config = Parse("""
            # KernelPrBot settings for this tree
            rules:
              deprecated-api: off          # staging code
              commit-message: error
              fixes-tag:
                severity: note
              spdx-license:
                enabled: false
            exclude:
              - drivers/staging/**
              - "*.rst"
            """);
        Assert.Equal(new RuleSetting(false, null), config.SettingFor("deprecated-api"));
        Assert.Equal(new RuleSetting(true, Severity.Error), config.SettingFor("commit-message"));
        Assert.Equal(new RuleSetting(true, Severity.Note), config.SettingFor("fixes-tag"));
        Assert.Equal(new RuleSetting(false, null), config.SettingFor("spdx-license"));
        Assert.Null(config.SettingFor("ai-sign-off"));
        Assert.True(config.IsExcluded("drivers/staging/rtl8723bs/core/a.c"));
        Assert.True(config.IsExcluded("Documentation/process/a.rst"));
        Assert.False(config.IsExcluded("drivers/net/a.c"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("---\n")]
    public void Empty_file_means_defaults(string text) => Assert.Same(CheckConfig.Empty, Parse(text));

    [Theory]
    [InlineData("rulez:\n  fixes-tag: off\n", ".kernel-pr-bot.yml:1: unknown key 'rulez' (did you mean 'rules'?)")]
    [InlineData("rules:\n  fixes-tags: off\n", ".kernel-pr-bot.yml:2: unknown rule 'fixes-tags' (did you mean 'fixes-tag'?)")]
    [InlineData("rules:\n  fixes-tag: loud\n", ".kernel-pr-bot.yml:2: 'loud' is not a severity")]
    [InlineData("rules:\n  fixes-tag:\n    severty: error\n", ".kernel-pr-bot.yml:3: unknown key 'severty' (did you mean 'severity'?)")]
    [InlineData("rules:\n  fixes-tag: off\n  fixes-tag: on\n", ".kernel-pr-bot.yml:3: duplicate key 'fixes-tag'")]
    [InlineData("rules:\n\tfixes-tag: off\n", ".kernel-pr-bot.yml:2: tabs are not allowed")]
    [InlineData("rules:\n  fixes-tag: off\n    x: y\n", ".kernel-pr-bot.yml:3: unexpected indentation")]
    [InlineData("rules: [a, b]\n", ".kernel-pr-bot.yml:1: 'rules' must be a mapping")]
    [InlineData("- rules\n", ".kernel-pr-bot.yml:1: the top level must be a mapping")]
    [InlineData("rules:\n  fixes-tag: \"off\n", ".kernel-pr-bot.yml:2: unterminated quoted string")]
    [InlineData("rules: &anchor\n", ".kernel-pr-bot.yml:1: '&'")]
    [InlineData("just some words\n", ".kernel-pr-bot.yml:1: expected 'key: value'")]
    public void Mistakes_are_errors_that_name_the_line(string text, string expected) =>
        Assert.StartsWith(expected, Error(text), StringComparison.Ordinal);

    [Fact]
    public void Huge_and_binary_files_are_refused()
    {
        Assert.Contains("at most", Error("rules:\n" + string.Concat(Enumerable.Repeat("  # padding line\n", 20_000))), StringComparison.Ordinal);
        Assert.Contains("NUL bytes", Error("rules:\0\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Hostile_nesting_is_an_error_not_a_stack_overflow()
    {
        var text = "rules:\n" + string.Concat(Enumerable.Range(1, 3000).Select(i => new string(' ', i * 2) + "k:\n"));
        Assert.Throws<ConfigException>(() => Parse(text));
    }
}

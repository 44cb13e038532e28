using KernelPrBot.Review.Commands;
using Xunit;

namespace KernelPrBot.Review.Tests.Commands;

public sealed class SlashCommandParserTests
{
    [Theory]
    [InlineData("/kpb recheck", SlashCommandKind.Recheck)]
    [InlineData("Thanks!\n\n/KPB Recheck please", SlashCommandKind.Recheck)]
    [InlineData("/kpb help", SlashCommandKind.Help)]
    [InlineData("/kpb", SlashCommandKind.Help)]
    [InlineData("/kpb explain", SlashCommandKind.Invalid)]
    [InlineData("/kpb ignore deprecated-api", SlashCommandKind.Invalid)]
    [InlineData("/kpb frobnicate", SlashCommandKind.Invalid)]
    public void Parses_the_first_command_line(string body, SlashCommandKind kind)
    {
        Assert.True(SlashCommandParser.TryParse(body, out var command));
        Assert.Equal(kind, command.Kind);
    }

    [Fact]
    public void Ignore_takes_the_rule_and_the_rest_of_the_line_as_reason()
    {
        Assert.True(SlashCommandParser.TryParse("/kpb ignore atomic-sleeping-alloc  the lock is   never taken in IRQ", out var command));

        Assert.Equal(SlashCommandKind.Ignore, command.Kind);
        Assert.Equal("atomic-sleeping-alloc", command.RuleId);
        Assert.Equal("the lock is never taken in IRQ", command.Reason);
        Assert.True(command.NeedsMaintainer);
    }

    [Theory]
    [InlineData("> /kpb recheck\nquoting the bot")]
    [InlineData("```\n/kpb recheck\n```")]
    [InlineData("please run /kpb recheck")]
    [InlineData("/kpbrecheck")]
    [InlineData("")]
    public void Quotes_code_and_mid_line_mentions_are_not_commands(string body) =>
        Assert.False(SlashCommandParser.TryParse(body, out _));

    [Fact]
    public void A_hostile_reason_is_cut_to_one_plain_line()
    {
        var reason = "<script>alert(1)</script> | `rm -rf` " + new string('x', 5000);

        Assert.True(SlashCommandParser.TryParse("/kpb ignore deprecated-api " + reason, out var command));

        Assert.DoesNotContain("<", command.Reason!, StringComparison.Ordinal);
        Assert.DoesNotContain("`", command.Reason!, StringComparison.Ordinal);
        Assert.True(command.Reason!.Length <= SlashCommandParser.MaxReasonLength + 1);
    }

    [Fact]
    public void A_huge_comment_is_scanned_only_at_its_start()
    {
        var body = new string('a', 70_000) + "\n/kpb recheck";

        Assert.False(SlashCommandParser.TryParse(body, out _));
    }
}

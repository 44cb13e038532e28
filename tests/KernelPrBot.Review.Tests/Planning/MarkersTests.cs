using KernelPrBot.Review.Planning;
using Xunit;

namespace KernelPrBot.Review.Tests.Planning;

public sealed class MarkersTests
{
    [Fact]
    public void Finding_markers_round_trip_with_their_state()
    {
        Assert.True(Markers.TryParseFinding("text\n" + Markers.Finding("0123456789abcdef", resolved: true), out var fp, out var resolved));
        Assert.Equal("0123456789abcdef", fp);
        Assert.True(resolved);
        Assert.True(Markers.TryParseFinding(Markers.Finding("0123456789abcdef", resolved: false), out _, out resolved));
        Assert.False(resolved);
        Assert.False(Markers.TryParseFinding("<!-- kernel-pr-bot:finding --> plain", out _, out _));
    }

    [Fact]
    public void Ignores_survive_a_round_trip_through_the_summary()
    {
        IgnoreEntry[] ignores = [new("deprecated-api", "reason with --> and émoji 🐧", "maint")];

        var parsed = Markers.ParseIgnores("## summary\n" + Markers.Ignores(ignores) + "\n");

        Assert.Equal(ignores, parsed);
    }

    [Theory]
    [InlineData("<!-- kernel-pr-bot:ignores !!!notbase64 -->")]
    [InlineData("<!-- kernel-pr-bot:ignores eyJub3QiOiJhIGxpc3QifQ -->")]
    [InlineData("<!-- kernel-pr-bot:ignores bnVsbA -->")]
    public void A_damaged_ignores_marker_means_no_ignores(string body) =>
        Assert.Empty(Markers.ParseIgnores(body));

    [Fact]
    public void Reply_markers_name_the_answered_comment()
    {
        Assert.True(Markers.TryParseReply("ok\n" + Markers.Reply(987654321012), out var id));
        Assert.Equal(987654321012, id);
        Assert.False(Markers.TryParseReply("<!-- kernel-pr-bot:reply 99999999999999999999999 -->", out _));
    }
}

using Xunit;

namespace KernelPrBot.Cli.Tests;

public sealed class TerminalProgressTests
{
    [Fact]
    public void Draws_one_line_on_a_terminal_and_clears_it()
    {
        var writer = new StringWriter();
        var progress = new TerminalProgress(writer, isTerminal: true);
        progress.Report("checking patch", 1, 410);
        progress.Report("checking patch", 2, 410); // within 100 ms of the first: not drawn
        progress.Report("checking patch", 410, 410); // the last one always is
        progress.Done();

        Assert.Equal("\r\u001b[Kchecking patch 1/410\r\u001b[Kchecking patch 410/410\r\u001b[K", writer.ToString());
    }

    [Theory]
    [InlineData(false, 410)]
    [InlineData(true, 5)]
    public void Draws_nothing_off_a_terminal_or_for_short_work(bool isTerminal, int total)
    {
        var writer = new StringWriter();
        var progress = new TerminalProgress(writer, isTerminal);
        progress.Report("checking patch", 1, total);
        progress.Done();
        Assert.Empty(writer.ToString());
    }
}

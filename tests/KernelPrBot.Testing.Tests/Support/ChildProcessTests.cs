using System.Diagnostics;
using System.Globalization;
using Xunit;

namespace KernelPrBot.Testing.Tests.Support;

public sealed class ChildProcessTests
{
    /// <summary>Gone, or a zombie waiting for init to reap it: either way it no longer runs.</summary>
    private static bool Gone(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/status").Contains("State:\tZ", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return true;
        }
    }

    [Fact]
    public async Task Dispose_kills_the_process_and_what_it_started()
    {
        var start = new ProcessStartInfo("sh", ["-c", "sleep 300 & echo $!; wait"]) { RedirectStandardOutput = true, UseShellExecute = false };
        int shell;
        int grandchild;
        using (var child = ChildProcess.Start(start))
        {
            shell = child.Process.Id;
            grandchild = int.Parse((await child.Process.StandardOutput.ReadLineAsync())!, CultureInfo.InvariantCulture);
            Assert.False(Gone(grandchild), "the sleep should be running before the dispose");
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!(Gone(shell) && Gone(grandchild)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"still running: sh {shell} or sleep {grandchild}");
            await Task.Delay(50);
        }
    }

    [Fact]
    public void Kill_then_dispose_of_an_exited_process_is_harmless()
    {
        using var child = ChildProcess.Start(new ProcessStartInfo("true") { UseShellExecute = false });
        child.Process.WaitForExit();
        child.Kill();
        child.Dispose();
        child.Kill();
    }
}

using System.Diagnostics;
using KernelPrBot.Cli;
using KernelPrBot.Testing;
using Xunit;
using Xunit.Abstractions;

namespace KernelPrBot.EndToEnd.Tests;

/// <summary>
/// What <c>scripts/publish.sh</c> ships: kernel-pr-bot compiled ahead of time reports exactly what the library reports
/// in-process, and hands serve and replay over to kernel-pr-bot-server by exec. One publish (the slow part) for all.
/// </summary>
public sealed class PublishedLayoutTests(ITestOutputHelper output)
{
    private static readonly string Example = TestPaths.InRepo("tests", "corpus", "cli", "0001-net-acme-add-rx-ring-statistics.patch");

    [Fact]
    public async Task Native_cli_matches_the_library_and_hands_serve_and_replay_to_the_server()
    {
        using var temp = new TempDirectory("published");
        var dir = temp.Path;
        var clock = Stopwatch.StartNew();
        var publish = await RunAsync("bash", TestPaths.InRepo("scripts", "publish.sh"), "-o", dir);
        output.WriteLine($"scripts/publish.sh: {clock.Elapsed.TotalSeconds:F0} s");
        Assert.True(publish.Code == 0, "publish failed:\n" + publish.Out + publish.Err);
        var cli = Path.Combine(dir, "kernel-pr-bot");
        // The .NET launcher is under 100 KB; the native program carries the code and the runtime.
        Assert.True(new FileInfo(cli).Length > 1024 * 1024, "kernel-pr-bot should be the native program, not the .NET launcher");

        foreach (var format in new[] { "text", "json", "sarif", "github" })
        {
            var native = await RunAsync(cli, "check", "--format", format, Example);
            var library = InProcess(["check", "--format", format, Example]);
            Assert.Equal(library.Code, native.Code);
            Assert.Equal(library.Out, native.Out);
        }

        var bad = await RunAsync(cli, "check", Path.Combine(dir, "no-such.patch"));
        Assert.Equal(2, bad.Code);
        Assert.StartsWith("kernel-pr-bot: ", bad.Err, StringComparison.Ordinal);

        var serveHelp = await RunAsync(cli, "serve", "--help");
        Assert.Equal(0, serveHelp.Code);
        Assert.Contains("usage: kernel-pr-bot serve", serveHelp.Err, StringComparison.Ordinal);

        var replay = await RunAsync(cli, "replay");
        Assert.Equal(2, replay.Code);
        Assert.Contains("replay needs --list", replay.Err, StringComparison.Ordinal);
    }

    private static (int Code, string Out) InProcess(string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CliApp.Run(args, Stream.Null, stdout, stderr, stdoutIsTerminal: false);
        return (code, stdout.ToString());
    }

    private static async Task<(int Code, string Out, string Err)> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["NO_COLOR"] = "1";
        using var child = ChildProcess.Start(start); // killed on the way out, should the wait time out
        var process = child.Process;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(15));
        return (process.ExitCode, await stdout, await stderr);
    }
}

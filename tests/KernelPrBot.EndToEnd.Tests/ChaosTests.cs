using KernelPrBot.Sandbox;
using KernelPrBot.Testing;
using Xunit;
using Xunit.Abstractions;

namespace KernelPrBot.EndToEnd.Tests;

/// <summary>
/// The sandbox's chaos run at CI size: a killed and restarted server, random forge faults including connection resets,
/// duplicate deliveries, pushes, commands and one merge request the fake never lets be read. The invariants must hold.
/// </summary>
public sealed class ChaosTests(ITestOutputHelper output)
{
    private static readonly ChaosOptions Small = new("gitlab", Events: 24, FaultRate: 0.2, Kills: 1, Seed: 5, Doomed: 1);

    [Fact]
    public async Task GitLab_under_random_faults_resets_and_a_SIGKILL_keeps_every_invariant()
    {
        await using var gitlab = await GitLabChaos.StartAsync();
        var report = await RunAsync(gitlab);
        Assert.True(report.Holds, "chaos invariants failed:\n" + string.Join("\n", report.Problems));
        Assert.True(gitlab.Faults.InjectedByKind.ContainsKey("reset"), "no connection was reset");
    }

    private async Task<ChaosReport> RunAsync(IChaosForge forge)
    {
        using var temp = new TempDirectory("chaos");
        using var log = new StringWriter();
        var report = await ChaosRun.RunAsync(forge, Small, temp.Path, log, drainLimit: TimeSpan.FromSeconds(60));
        report.Print(log);
        output.WriteLine(log.ToString());
        if (!report.Holds)
        {
            // The bot's own log goes with the temporary directory; keep its end where a failure can be read.
            output.WriteLine("bot log (last 200 lines):\n" + string.Join("\n", File.ReadLines(temp.Combine(forge.Name + ".log")).TakeLast(200)));
        }

        return report;
    }
}

using KernelPrBot.Testing.Tests.FakeGitHub;
using Xunit;

namespace KernelPrBot.Testing.Tests.FakeGitLab;

public class RandomFaultTests
{
    [Fact]
    public async Task Random_failures_are_GitLab_shaped_with_every_kind_and_are_counted()
    {
        await using var s = await GitLabScenario.StartAsync();
        s.Server.Faults.FailRandomly(0.5, seed: 7, stall: TimeSpan.FromMilliseconds(50));
        var statuses = new List<int>();
        for (var i = 0; i < 160; i++)
        {
            statuses.Add(await FaultTests.StatusOrResetAsync(() => s.GetAsync(GitLabScenario.Mr)));
        }

        var failed = s.Server.Requests.Select(r => r.Status).Where(status => status != 200).ToList();
        Assert.InRange(failed.Count, 55, 105);
        Assert.Equal([0, 429, 500, 502, 503, 504], failed.Distinct().Order().ToArray());
        Assert.Equal(failed.Count, s.Server.Faults.InjectedByKind.Values.Sum());
        Assert.True(statuses.Count(f => f == 0) >= failed.Count(f => f == 0));
        Assert.True(s.Server.Faults.InjectedByKind["429 reset only"] > 0);
        var limited = s.Server.Requests.Where(r => r.Status == 429).ToList();
        Assert.All(limited, r => Assert.Equal("{\"message\":\"Retry later\"}", r.ResponseBody));
        Assert.All(s.Server.Requests.Where(r => r.Status == 504), r => Assert.True(r.Duration >= TimeSpan.FromMilliseconds(45)));
        s.Server.AssertNoViolations();
    }

    [Fact]
    public async Task A_reset_after_acting_keeps_the_note_and_loses_the_answer()
    {
        await using var s = await GitLabScenario.StartAsync();
        s.Server.Faults.Reset("POST", "/notes$", afterActing: true);
        await Assert.ThrowsAsync<HttpRequestException>(() => s.PostAsync($"{GitLabScenario.Mr}/notes", new { body = "kept" }));
        Assert.Contains(s.Project.Notes(1), n => n.Body == "kept");
        Assert.Equal(0, Assert.Single(s.Server.Requests).Status);
    }
}

using KernelPrBot.Testing.FakeGitHub;
using Xunit;

namespace KernelPrBot.Testing.Tests.FakeGitHub;

public class FaultTests
{
    [Fact]
    public async Task Failures_happen_the_given_number_of_times_and_are_recorded()
    {
        await using var s = await Scenario.StartAsync();
        s.Server.Faults.Fail("GET", "/pulls/1$", 502, times: 2);
        Assert.Equal(502, (await s.GetAsync($"{Scenario.Prefix}/pulls/1")).Status);
        Assert.Equal(502, (await s.GetAsync($"{Scenario.Prefix}/pulls/1")).Status);
        Assert.Equal(200, (await s.GetAsync($"{Scenario.Prefix}/pulls/1")).Status);
        Assert.Equal([502, 502, 200], s.Server.Requests.Select(r => r.Status).ToArray());
    }

    [Fact]
    public async Task Secondary_and_primary_rate_limits_carry_their_headers()
    {
        await using var s = await Scenario.StartAsync();
        s.Server.Faults.SecondaryRateLimit("POST", "/issues/1/comments$", retryAfterSeconds: 1);
        var (status, json, response) = await s.PostAsync($"{Scenario.Prefix}/issues/1/comments", new { body = "x" });
        Assert.Equal(403, status);
        Assert.StartsWith("You have exceeded a secondary rate limit", (string?)json!["message"], StringComparison.Ordinal);
        Assert.Equal("1", response.Headers.GetValues("retry-after").Single());

        s.Server.Faults.PrimaryRateLimit("*", "/pulls/", TimeSpan.FromSeconds(2));
        (status, _, response) = await s.GetAsync($"{Scenario.Prefix}/pulls/1/files");
        Assert.Equal(429, status);
        Assert.Equal("0", response.Headers.GetValues("x-ratelimit-remaining").Single());
        var reset = long.Parse(response.Headers.GetValues("x-ratelimit-reset").Single());
        Assert.InRange(reset - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 0, 3);
        Assert.Empty(s.Repo.IssueComments(1));
    }

    [Fact]
    public async Task Delays_overlap_writes_and_the_fake_counts_them_per_installation()
    {
        await using var s = await Scenario.StartAsync();
        s.Server.Faults.Delay("POST", "/issues/1/comments$", TimeSpan.FromMilliseconds(400), times: 2);
        var completed = new List<RecordedRequest>();
        s.Server.RequestCompleted += r =>
        {
            lock (completed)
            {
                completed.Add(r);
            }
        };
        await Task.WhenAll(
            s.PostAsync($"{Scenario.Prefix}/issues/1/comments", new { body = "a" }),
            s.PostAsync($"{Scenario.Prefix}/issues/1/comments", new { body = "b" }));
        Assert.Equal(2, s.Server.MaxConcurrentWritesPerInstallation);
        Assert.All(s.Server.Requests, r => Assert.True(r.Duration >= TimeSpan.FromMilliseconds(350)));
        Assert.Equal(2, completed.Count);
        Assert.Equal(2, s.Repo.IssueComments(1).Count);
    }

    [Fact]
    public async Task Random_failures_hit_about_the_given_share_with_every_kind_and_are_counted()
    {
        await using var s = await Scenario.StartAsync();
        s.Server.Faults.FailRandomly(0.5, seed: 7, stall: TimeSpan.FromMilliseconds(50));
        var statuses = new List<int>();
        for (var i = 0; i < 160; i++)
        {
            statuses.Add(await StatusOrResetAsync(() => s.GetAsync($"{Scenario.Prefix}/pulls/1")));
        }

        // What the fake recorded: a client may also see a reset when it reuses a connection the fake just aborted.
        var failed = s.Server.Requests.Select(r => r.Status).Where(status => status != 200).ToList();
        Assert.InRange(failed.Count, 55, 105);
        Assert.Equal([0, 403, 429, 500, 502, 503, 504], failed.Distinct().Order().ToArray());
        Assert.Equal(failed.Count, s.Server.Faults.Injected);
        Assert.Equal(failed.Count, s.Server.Faults.InjectedByKind.Values.Sum());
        Assert.Equal(failed.Count(f => f == 0), s.Server.Faults.InjectedByKind["reset"] + s.Server.Faults.InjectedByKind["reset after acting"]);
        Assert.True(statuses.Count(f => f == 0) >= failed.Count(f => f == 0));
        Assert.All(s.Server.Requests.Where(r => r.Status == 403), r => Assert.Contains("secondary rate limit", r.ResponseBody, StringComparison.Ordinal));
        Assert.All(s.Server.Requests.Where(r => r.Status == 504), r => Assert.True(r.Duration >= TimeSpan.FromMilliseconds(45)));
    }

    [Fact]
    public async Task A_reset_before_acting_changes_nothing_and_one_after_acting_loses_only_the_answer()
    {
        await using var s = await Scenario.StartAsync();
        s.Server.Faults.Reset("POST", "/issues/1/comments$");
        await Assert.ThrowsAsync<HttpRequestException>(() => s.PostAsync($"{Scenario.Prefix}/issues/1/comments", new { body = "a" }));
        Assert.Empty(s.Repo.IssueComments(1));

        s.Server.Faults.Reset("POST", "/issues/1/comments$", afterActing: true);
        await Assert.ThrowsAsync<HttpRequestException>(() => s.PostAsync($"{Scenario.Prefix}/issues/1/comments", new { body = "b" }));
        Assert.Equal(["b"], s.Repo.IssueComments(1).Select(c => c.Body));
        Assert.Equal([0, 0], s.Server.Requests.Select(r => r.Status));
        Assert.Equal(2, s.Server.Faults.Injected);
    }

    /// <summary>The status, or 0 when the connection was reset.</summary>
    internal static async Task<int> StatusOrResetAsync(Func<Task<(int Status, System.Text.Json.Nodes.JsonNode? Json, HttpResponseMessage Response)>> send)
    {
        try
        {
            return (await send()).Status;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }
}

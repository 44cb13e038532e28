using KernelPrBot.Testing.FakeGitHub;
using KernelPrBot.Testing.FakeGitLab;
using Xunit;

namespace KernelPrBot.Testing.Tests.FakeGitLab;

public class AuthLimitAndViolationTests
{
    [Fact]
    public async Task Tokens_work_as_PRIVATE_TOKEN_or_Bearer_and_unknown_ones_get_401()
    {
        await using var s = await GitLabScenario.StartAsync();
        var (status, json, _) = await s.GetAsync("user");
        Assert.Equal(200, status);
        Assert.Equal("kpb-bot", (string?)json!["username"]);
        Assert.True((bool)json["bot"]!);

        var (id, token) = s.Server.AddUser("jane");
        using var bearer = GitLabScenario.Client(s.Server, token, bearer: true);
        (status, json, _) = await s.GetAsync("user", bearer);
        Assert.Equal((200, id, false), (status, (long)json!["id"]!, (bool)json["bot"]!));

        using var wrong = GitLabScenario.Client(s.Server, "glpat-wrong");
        using var none = GitLabScenario.Client(s.Server, null);
        foreach (var client in new[] { wrong, none })
        {
            (status, json, _) = await s.GetAsync(GitLabScenario.Mr, client);
            Assert.Equal(401, status);
            Assert.Equal("401 Unauthorized", (string?)json!["message"]);
        }

        s.Server.AssertNoViolations();
    }

    [Fact]
    public async Task Responses_carry_rate_limit_headers_and_the_budget_ends_in_429_with_Retry_After()
    {
        await using var s = await GitLabScenario.StartAsync(new FakeGitLabOptions { RateLimit = 2 });
        var (_, _, first) = await s.GetAsync(GitLabScenario.Mr);
        Assert.Equal("2", first.Headers.GetValues("RateLimit-Limit").Single());
        Assert.Equal("1", first.Headers.GetValues("RateLimit-Observed").Single());
        Assert.Equal("1", first.Headers.GetValues("RateLimit-Remaining").Single());
        var reset = long.Parse(first.Headers.GetValues("RateLimit-Reset").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(reset - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 55, 61);
        Assert.Equal(200, (await s.GetAsync(GitLabScenario.Mr)).Status);

        var (status, _, limited) = await s.GetAsync(GitLabScenario.Mr);
        Assert.Equal(429, status);
        Assert.Equal("0", limited.Headers.GetValues("RateLimit-Remaining").Single());
        Assert.InRange(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal("Retry later\n", await limited.Content.ReadAsStringAsync());

        // The budget is per user.
        using var other = GitLabScenario.Client(s.Server, s.Server.AddUser("jane").Token);
        Assert.Equal(200, (await s.GetAsync(GitLabScenario.Mr, other)).Status);
    }

    [Fact]
    public async Task Unknown_endpoints_and_missing_parameters_are_violations()
    {
        await using var s = await GitLabScenario.StartAsync();
        var (status, json, _) = await s.GetAsync($"{GitLabScenario.Mr}/changes");
        Assert.Equal(404, status);
        Assert.Equal("404 Not Found", (string?)json!["message"]);
        (status, json, _) = await s.PostAsync($"{GitLabScenario.Mr}/notes", new { text = "wrong field" });
        Assert.Equal(400, status);
        Assert.Equal("body is missing", (string?)json!["error"]);
        (status, _, _) = await s.GetAsync($"{GitLabScenario.Mr}/notes?sort=sideways");
        Assert.Equal(400, status);
        (status, _, _) = await s.GetAsync("projects/acme%2Flinux/merge_requests/abc");
        Assert.Equal(400, status);

        Assert.Equal(
        [
            $"GET /{GitLabScenario.Mr}/changes: no such endpoint on the fake",
            $"POST /{GitLabScenario.Mr}/notes: body is missing",
            $"GET /{GitLabScenario.Mr}/notes: sort does not have a valid value",
            "GET /projects/acme%2Flinux/merge_requests/abc: merge_request_iid is invalid",
        ], s.Server.Violations);
        Assert.Throws<Xunit.Sdk.TrueException>(s.Server.AssertNoViolations);
    }

    [Fact]
    public async Task Every_request_is_recorded_and_reported()
    {
        await using var s = await GitLabScenario.StartAsync();
        var seen = new List<RecordedRequest>();
        s.Server.RequestCompleted += r =>
        {
            lock (seen)
            {
                seen.Add(r);
            }
        };
        await s.GetAsync(GitLabScenario.Mr);
        await s.PostAsync($"{GitLabScenario.Mr}/notes", new { body = "hi" });
        var recorded = s.Server.Requests;
        Assert.Equal(["GET", "POST"], recorded.Select(r => r.Method));
        Assert.Equal(("kpb-bot", 201), (recorded[1].Actor, recorded[1].Status));
        Assert.Equal("{\"body\":\"hi\"}", recorded[1].Body);
        Assert.Equal(2, seen.Count);
    }

    [Fact]
    public async Task Faults_fail_or_delay_matching_requests_and_writes_are_counted_per_user()
    {
        await using var s = await GitLabScenario.StartAsync();
        s.Server.Faults.Fail("GET", "/merge_requests/1$", 502);
        s.Server.Faults.RateLimited("POST", "/notes$", retryAfterSeconds: 3);
        Assert.Equal(502, (await s.GetAsync(GitLabScenario.Mr)).Status);
        Assert.Equal(200, (await s.GetAsync(GitLabScenario.Mr)).Status);
        var (status, _, response) = await s.PostAsync($"{GitLabScenario.Mr}/notes", new { body = "x" });
        Assert.Equal(429, status);
        Assert.Equal("3", response.Headers.GetValues("Retry-After").Single());

        s.Server.Faults.Delay("POST", "/notes$", TimeSpan.FromMilliseconds(300), times: 3);
        await Task.WhenAll(Enumerable.Range(0, 3).Select(i => s.PostAsync($"{GitLabScenario.Mr}/notes", new { body = $"n{i}" })));
        Assert.Equal(3, s.Server.MaxConcurrentWrites);
        s.Server.AssertNoViolations();
    }

    [Fact]
    public async Task Members_answer_access_levels_and_non_members_are_404()
    {
        await using var s = await GitLabScenario.StartAsync();
        s.Project.SetAccessLevel("maint", 40);
        var maintId = s.Project.UserId("maint");
        var (status, json, _) = await s.GetAsync($"projects/acme%2Flinux/members/all/{maintId}");
        Assert.Equal((200, 40), (status, (int)json!["access_level"]!));
        (status, json, _) = await s.GetAsync($"projects/acme%2Flinux/members/all/{s.Project.UserId("jane")}");
        Assert.Equal(404, status);
        Assert.Equal("404 Member Not Found", (string?)json!["message"]);
        (_, json, _) = await s.GetAsync("projects/acme%2Flinux/members/all?query=mai");
        Assert.Equal("maint", (string?)Assert.Single(json!.AsArray())!["username"]);
        (_, json, _) = await s.GetAsync($"projects/{s.Project.Id}");
        Assert.Equal("acme/linux", (string?)json!["path_with_namespace"]);
        s.Server.AssertNoViolations();
    }
}

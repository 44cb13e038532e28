using System.Net.Http.Headers;
using System.Security.Cryptography;
using KernelPrBot.Testing.FakeGitHub;
using Xunit;

namespace KernelPrBot.Testing.Tests.FakeGitHub;

public class AuthAndRateLimitTests
{
    [Fact]
    public async Task A_JWT_buys_an_installation_token_that_works_on_that_installation_only()
    {
        await using var s = await Scenario.StartAsync();
        var other = s.Server.AddRepository("someone", "else", installationId: 8);
        other.OpenPullRequest(1, "t", "dev", Scenario.BaseFiles(), []);
        using var app = Scenario.Client(s.Server, s.Server.CreateAppJwt());

        var (status, json, _) = await s.GetAsync("app", app);
        Assert.Equal(200, status);
        Assert.Equal("kernel-pr-bot", (string?)json!["slug"]);

        (status, json, _) = await s.GetAsync($"{Scenario.Prefix}/installation", app);
        Assert.Equal(7, (long)json!["id"]!);

        (status, json, _) = await s.PostAsync("app/installations/7/access_tokens", new { });
        Assert.Equal(401, status); // an installation token is no JWT
        (status, json, _) = await s.PostAsync("app/installations/7/access_tokens", new { }, app);
        Assert.Equal(201, status);
        var token = (string)json!["token"]!;
        Assert.True(DateTimeOffset.Parse((string)json["expires_at"]!) > DateTimeOffset.UtcNow.AddMinutes(55));

        using var installation = Scenario.Client(s.Server, token);
        Assert.Equal(200, (await s.GetAsync($"{Scenario.Prefix}/pulls/1", installation)).Status);
        Assert.Equal(404, (await s.GetAsync("repos/someone/else/pulls/1", installation)).Status);
        Assert.Equal(404, (await s.PostAsync("app/installations/99/access_tokens", new { }, app)).Status);
        s.Server.AssertNoViolations();
    }

    [Fact]
    public async Task JWTs_signed_with_another_key_or_living_too_long_are_refused()
    {
        await using var s = await Scenario.StartAsync();
        using var otherKey = RSA.Create(2048);
        var now = DateTimeOffset.UtcNow;
        foreach (var jwt in new[]
        {
            AppJwt.Create(otherKey, 4242, now),
            AppJwt.Create(s.Server.Options.AppKey, 4243, now),
            AppJwt.Create(s.Server.Options.AppKey, 4242, now, now.AddMinutes(-20), now.AddMinutes(-10)),
            AppJwt.Create(s.Server.Options.AppKey, 4242, now, now, now.AddMinutes(30)),
        })
        {
            using var app = Scenario.Client(s.Server, jwt);
            Assert.Equal(401, (await s.GetAsync("app", app)).Status);
        }
    }

    [Fact]
    public async Task Tokens_are_checked_and_user_is_for_user_tokens()
    {
        await using var s = await Scenario.StartAsync(new FakeGitHubOptions { PersonalToken = "ghp_personal" });
        using var nobody = Scenario.Client(s.Server, null);
        using var wrong = Scenario.Client(s.Server, "ghs_wrong");
        using var pat = Scenario.Client(s.Server, "ghp_personal");
        pat.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", "ghp_personal");

        Assert.Equal(401, (await s.GetAsync($"{Scenario.Prefix}/pulls/1", nobody)).Status);
        var (status, json, _) = await s.GetAsync($"{Scenario.Prefix}/pulls/1", wrong);
        Assert.Equal(401, status);
        Assert.Equal("Bad credentials", (string?)json!["message"]);
        Assert.Equal(403, (await s.GetAsync("user")).Status);
        (status, json, _) = await s.GetAsync("user", pat);
        Assert.Equal("kpb-maintainer-bot", (string?)json!["login"]);
        Assert.Equal("User", (string?)json["type"]);
    }

    [Fact]
    public async Task Every_response_carries_rate_limit_headers_and_the_budget_runs_out()
    {
        await using var s = await Scenario.StartAsync(new FakeGitHubOptions { RateLimit = 3 });
        var remaining = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var (status, _, response) = await s.GetAsync($"{Scenario.Prefix}/pulls/1");
            Assert.Equal(200, status);
            remaining.Add(response.Headers.GetValues("x-ratelimit-remaining").Single());
            Assert.Equal("3", response.Headers.GetValues("x-ratelimit-limit").Single());
            Assert.Equal("core", response.Headers.GetValues("x-ratelimit-resource").Single());
            var reset = long.Parse(response.Headers.GetValues("x-ratelimit-reset").Single());
            Assert.InRange(reset - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 3500, 3601);
        }

        Assert.Equal(["2", "1", "0"], remaining);
        var (limited, json, last) = await s.GetAsync($"{Scenario.Prefix}/pulls/1");
        Assert.Equal(403, limited);
        Assert.Equal("API rate limit exceeded for installation ID 7.", (string?)json!["message"]);
        Assert.Equal("0", last.Headers.GetValues("x-ratelimit-remaining").Single());
        Assert.Equal("3", last.Headers.GetValues("x-ratelimit-used").Single());

        var (free, rate, _) = await s.GetAsync("rate_limit");
        Assert.Equal(200, free);
        Assert.Equal(0, (int)rate!["resources"]!["core"]!["remaining"]!);
    }
}

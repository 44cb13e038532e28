using KernelPrBot.Hosting.Queues;
using KernelPrBot.Review.Model;
using KernelPrBot.Server;
using KernelPrBot.Testing;
using KernelPrBot.Testing.FakeGitHub;
using Xunit;

namespace KernelPrBot.EndToEnd.Tests;

/// <summary><c>kernel-pr-bot replay</c>: dry runs of saved payloads print the plan and post nothing; dead letters go back on the queue.</summary>
public sealed class ReplayCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = ServerApp.Run(args, Stream.Null, stdout, stderr, stdoutIsTerminal: false);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task A_saved_payload_is_reviewed_as_a_dry_run_that_posts_nothing()
    {
        using var temp = new TempDirectory("replay");
        await using var github = await FakeGitHubServer.StartAsync();
        var s = new PullRequestScenario(github);
        var payload = temp.Combine("payload.json");
        await File.WriteAllBytesAsync(payload, GitHubWebhooks.PullRequest("opened", s.Repo, s.Pr, BotServer.Secret).Body);
        var queue = temp.Combine("queue.db");

        var (code, output, error) = await Task.Run(() => Run(["replay", "--payload", payload, "--event", "pull_request", .. BotSettings.For(github, queue)]));

        Assert.True(code == 0, error);
        Assert.Contains("dry run, 1 finding(s)", output, StringComparison.Ordinal);
        Assert.Contains("comment   " + SampleDriver.DriverPath + ":" + SampleDriver.LineOf(SampleDriver.Buggy, "GFP_KERNEL"), output, StringComparison.Ordinal);
        Assert.Contains("label +   kpb: atomic", output, StringComparison.Ordinal);
        Assert.DoesNotContain(github.Requests, r => r.IsWrite && !r.Path.Contains("access_tokens", StringComparison.Ordinal));
        github.AssertNoViolations();
    }

    [Fact]
    public async Task Dead_letters_are_listed_and_put_back_on_the_queue()
    {
        using var temp = new TempDirectory("replay");
        await using var github = await FakeGitHubServer.StartAsync();
        var path = temp.Combine("queue.db");
        var queue = new SqliteReviewQueue(new SqliteQueueOptions { Path = path, MaxAttempts = 1 });
        await queue.EnqueueAsync(new ReviewRequest { Forge = ForgeKind.GitHub, Repository = "acme/linux", Number = 5, Trigger = ReviewTrigger.Opened, DeliveryId = "d-1" });
        Assert.True(await queue.FailAsync((await queue.TryDequeueAsync())!, "HttpRequestException: 502 Bad Gateway", TimeSpan.Zero));

        var (listCode, list, _) = Run(["replay", "--list", .. BotSettings.For(github, path)]);
        var (code, requeued, _) = Run(["replay", "--dead-letters", .. BotSettings.For(github, path)]);

        Assert.Equal(0, listCode);
        Assert.Contains("acme/linux#5", list, StringComparison.Ordinal);
        Assert.Contains("502 Bad Gateway", list, StringComparison.Ordinal);
        Assert.Equal(0, code);
        Assert.Contains("re-queued 1", requeued, StringComparison.Ordinal);
        Assert.Equal(5, (await queue.TryDequeueAsync())!.Request.Number);
    }

    [Theory]
    [InlineData("replay")]
    [InlineData("replay --payload /no/such/file.json --event pull_request")]
    [InlineData("replay --payload")]
    [InlineData("replay --bogus")]
    public void Bad_replay_command_lines_are_usage_errors(string line)
    {
        var (code, _, error) = Run(line.Split(' '));

        Assert.Equal(2, code);
        Assert.StartsWith("kernel-pr-bot: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_payload_that_is_not_json_is_a_usage_error_not_a_crash()
    {
        using var temp = new TempDirectory("replay");
        await using var github = await FakeGitHubServer.StartAsync();
        var payload = temp.Combine("payload.json");
        await File.WriteAllTextAsync(payload, "{\"action\":\"opened\"");

        var (code, _, error) = Run(["replay", "--payload", payload, "--event", "pull_request", .. BotSettings.For(github, temp.Combine("queue.db"))]);

        Assert.Equal(2, code);
        Assert.Contains("not a usable pull_request payload", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_without_credentials_says_what_is_missing()
    {
        using var temp = new TempDirectory("replay");
        var (code, _, error) = Run("serve", "--KernelPrBot:Queue:Path=" + temp.Combine("queue.db"));

        Assert.Equal(2, code);
        Assert.Contains("no forge credentials", error, StringComparison.Ordinal);
        Assert.Contains("KernelPrBot:GitLab:Token", error, StringComparison.Ordinal);
    }
}

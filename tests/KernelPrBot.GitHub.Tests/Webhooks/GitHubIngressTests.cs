using System.Text;
using KernelPrBot.Review.Ingress;
using KernelPrBot.Review.Model;
using KernelPrBot.Testing;
using KernelPrBot.Testing.FakeGitHub;
using KernelPrBot.Testing.InMemory;
using Xunit;

namespace KernelPrBot.GitHub.Tests.Webhooks;

public sealed class GitHubIngressTests
{
    private const string Secret = IngressHarness.Secret;

    [Theory]
    [InlineData("pull_request", "pull_request.opened.json", ReviewTrigger.Opened)]
    [InlineData("pull_request", "pull_request.synchronize.json", ReviewTrigger.Synchronize)]
    [InlineData("pull_request", "pull_request.reopened.json", ReviewTrigger.Reopened)]
    [InlineData("check_run", "check_run.requested_action.json", ReviewTrigger.Rerequested)]
    [InlineData("check_suite", "check_suite.rerequested.json", ReviewTrigger.Rerequested)]
    public async Task Real_payloads_are_verified_mapped_and_queued(string eventName, string file, ReviewTrigger trigger)
    {
        var harness = new IngressHarness();
        var delivery = GitHubWebhooks.Fixture(eventName, file, Secret);

        var result = await harness.PostAsync(delivery);

        Assert.Equal(IngressOutcome.Queued, result.Outcome);
        var item = harness.Queue.TryTake();
        Assert.NotNull(item);
        Assert.Equal(trigger, item!.Trigger);
        Assert.Equal(delivery.DeliveryId, item.DeliveryId);
        Assert.Contains("/", item.Repository, StringComparison.Ordinal);
        Assert.True(item.Number > 0);
        Assert.NotNull(item.InstallationId);
    }

    [Theory]
    [InlineData("pull_request", "pull_request.closed.json", "pull_request action closed")]
    [InlineData("issue_comment", "issue_comment.created.json", "not a pull request")]
    [InlineData("issue_comment", "issue_comment.created.on-pull-request.json", "no /kpb command")]
    [InlineData("installation", "installation.created.json", "event installation")]
    [InlineData("check_run", "check_run.rerequested.json", "names no pull request")]
    public async Task Events_we_do_not_act_on_get_202_and_queue_nothing(string eventName, string file, string why)
    {
        var harness = new IngressHarness();

        var result = await harness.PostAsync(GitHubWebhooks.Fixture(eventName, file, Secret));

        Assert.Equal(IngressOutcome.Ignored, result.Outcome);
        Assert.Contains(why, result.Message, StringComparison.Ordinal);
        Assert.Null(harness.Queue.TryTake());
    }

    [Fact]
    public async Task A_pull_request_comment_with_a_command_is_queued_with_its_author_and_text()
    {
        var harness = new IngressHarness();
        var github = await FakeGitHubServer.StartAsync();
        await using var _ = github;
        var repo = github.AddRepository("acme", "linux", 9);

        await harness.PostAsync(GitHubWebhooks.IssueComment(repo, 5, 4242, "maint", "/kpb ignore deprecated-api legacy driver", Secret));

        var request = harness.Queue.TryTake()!;
        Assert.Equal(ReviewTrigger.Command, request.Trigger);
        Assert.Equal("maint", request.Requester);
        Assert.Equal(4242, request.CommentId);
        Assert.Equal(5, request.Number);
        Assert.Equal(9, request.InstallationId);
    }

    [Fact]
    public async Task The_bots_own_comments_are_ignored_to_avoid_loops()
    {
        var harness = new IngressHarness();
        var github = await FakeGitHubServer.StartAsync();
        await using var _ = github;
        var repo = github.AddRepository("acme", "linux");

        var result = await harness.PostAsync(GitHubWebhooks.IssueComment(repo, 5, 1, "kernel-pr-bot[bot]", "/kpb recheck", Secret));

        Assert.Equal(IngressOutcome.Ignored, result.Outcome);
        Assert.Contains("bot", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_enqueue_asks_for_redelivery_and_the_redelivery_is_queued()
    {
        var harness = new IngressHarness();
        var delivery = GitHubWebhooks.Fixture("pull_request", "pull_request.opened.json", Secret);
        harness.Queue.FailNextEnqueue();

        Assert.Equal(IngressOutcome.Unavailable, (await harness.PostAsync(delivery)).Outcome);
        Assert.Null(harness.Queue.TryTake());
        Assert.Equal(IngressOutcome.Queued, (await harness.PostAsync(delivery)).Outcome);
        Assert.Equal(delivery.DeliveryId, harness.Queue.TryTake()!.DeliveryId);
    }

    [Fact]
    public async Task The_same_delivery_id_is_queued_once()
    {
        var harness = new IngressHarness();
        var delivery = GitHubWebhooks.Fixture("pull_request", "pull_request.opened.json", Secret);

        await harness.PostAsync(delivery);
        var again = await harness.PostAsync(delivery);

        Assert.Equal(IngressOutcome.Duplicate, again.Outcome);
        Assert.Contains("duplicate", again.Message, StringComparison.Ordinal);
        Assert.NotNull(harness.Queue.TryTake());
        Assert.Null(harness.Queue.TryTake());
    }

    [Fact]
    public async Task Bad_missing_or_unconfigured_signatures_are_401()
    {
        var body = File.ReadAllBytes(TestPaths.Fixture("github", "webhooks", "pull_request.opened.json"));
        var harness = new IngressHarness();

        Assert.Equal(IngressOutcome.Unauthorized, (await harness.PostAsync("pull_request", body, signature: "sha256=" + new string('0', 64))).Outcome);
        Assert.Equal(IngressOutcome.Unauthorized, (await harness.PostAsync("pull_request", body, signature: "sha1=abc")).Outcome);
        Assert.Equal(IngressOutcome.Unauthorized, (await harness.PostAsync("pull_request", body, signature: "sha256=zz")).Outcome);
        Assert.Equal(IngressOutcome.Unauthorized, (await harness.PostAsync("pull_request", body, signature: GitHubWebhooks.Signature(body, "other secret"))).Outcome);
        Assert.Equal(IngressOutcome.Unauthorized, (await new IngressHarness(secret: null).PostAsync("pull_request", body)).Outcome);
        Assert.Null(harness.Queue.TryTake());
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2,3]")]
    [InlineData("{} trailing")]
    [InlineData("")]
    public async Task Malformed_json_is_400(string body)
    {
        var result = await new IngressHarness().PostAsync("pull_request", Encoding.UTF8.GetBytes(body));

        Assert.Equal(IngressOutcome.Malformed, result.Outcome);
    }

    [Theory]
    [InlineData("""{"action":"opened"}""")]
    [InlineData("""{"action":"opened","pull_request":{"number":"seven"},"repository":{"full_name":"a/b"}}""")]
    [InlineData("""{"action":"opened","number":1,"pull_request":null}""")]
    public async Task Incomplete_payloads_are_400_not_500(string body)
    {
        var result = await new IngressHarness().PostAsync("pull_request", Encoding.UTF8.GetBytes(body));

        Assert.Equal(IngressOutcome.Malformed, result.Outcome);
    }

    [Fact]
    public async Task Form_encoded_deliveries_are_400_with_advice()
    {
        var body = Encoding.UTF8.GetBytes("payload=%7B%7D");

        var result = await new IngressHarness().PostAsync("pull_request", body, contentType: "application/x-www-form-urlencoded");

        Assert.Equal(IngressOutcome.Malformed, result.Outcome);
        Assert.Contains("application/json", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bodies_over_25_MB_are_refused_before_hashing()
    {
        var result = await new IngressHarness().PostAsync("pull_request", new byte[(25 * 1024 * 1024) + 1], signature: "sha256=" + new string('0', 64));

        Assert.Equal(IngressOutcome.TooLarge, result.Outcome);
    }

    [Fact]
    public async Task Random_signed_json_never_throws_and_never_answers_5xx()
    {
        var harness = new IngressHarness();
        var random = new Random(20261125);
        string[] events = ["pull_request", "issue_comment", "check_run", "check_suite"];
        string[] actions = ["opened", "synchronize", "created", "rerequested", "requested_action", "", "\u0000"];
        for (var i = 0; i < 300; i++)
        {
            var json = RandomObject(random, actions[random.Next(actions.Length)], depth: 0);
            var result = await harness.PostAsync(events[random.Next(events.Length)], Encoding.UTF8.GetBytes(json));
            Assert.True(result.Outcome is IngressOutcome.Queued or IngressOutcome.Ignored or IngressOutcome.Malformed, $"{result.Outcome} {result.Message} for {json}");
        }
    }

    private static string RandomObject(Random random, string action, int depth)
    {
        string[] keys = ["action", "number", "pull_request", "issue", "comment", "repository", "installation", "sender", "check_run", "check_suite", "head", "sha", "id", "full_name", "body", "user", "login", "pull_requests"];
        var parts = new List<string> { $"\"action\":\"{action}\"" };
        for (var k = 0; k < random.Next(1, 8); k++)
        {
            parts.Add($"\"{keys[random.Next(keys.Length)]}\":{RandomValue(random, depth)}");
        }

        return "{" + string.Join(',', parts) + "}";
    }

    private static string RandomValue(Random random, int depth) => random.Next(depth > 2 ? 5 : 7) switch
    {
        0 => random.Next(-5, 100_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
        1 => "\"x/y\"",
        2 => "null",
        3 => "true",
        4 => "\"" + new string('a', random.Next(0, 50)) + "\"",
        5 => RandomObject(random, "opened", depth + 1),
        _ => "[" + RandomObject(random, "opened", depth + 1) + "]",
    };
}

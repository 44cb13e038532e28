using System.Text;
using System.Text.Json.Nodes;
using KernelPrBot.GitLab.Webhooks;
using KernelPrBot.Review.Ingress;
using KernelPrBot.Review.Model;
using KernelPrBot.Testing;
using KernelPrBot.Testing.InMemory;
using Xunit;

namespace KernelPrBot.GitLab.Tests.Webhooks;

public sealed class GitLabIngressTests
{
    private const string Secret = "gitlab-hook-token";

    /// <summary>The real ingress over an in-memory queue and delivery log.</summary>
    private sealed class Harness
    {
        public Harness(string? secret = Secret)
        {
            Ingress = new GitLabIngress(secret, new IngressQueue(Queue, new InMemoryDeliveryLog()));
        }

        public InMemoryReviewQueue Queue { get; } = new();

        public GitLabIngress Ingress { get; }

        public Task<IngressResult> PostAsync(string eventName, byte[] body, string? token = Secret, string? key = null)
        {
            var headers = new Dictionary<string, string> { ["X-Gitlab-Event"] = eventName, ["Content-Type"] = "application/json" };
            if (token is not null)
            {
                headers["X-Gitlab-Token"] = token;
            }

            headers["Idempotency-Key"] = key ?? Guid.NewGuid().ToString();
            return Ingress.HandleAsync(headers, body);
        }
    }

    private static byte[] Fixture(string name) => File.ReadAllBytes(TestPaths.Fixture("gitlab", "webhooks", name));

    [Theory]
    [InlineData("merge_request.open.json", ReviewTrigger.Opened, 1, 1)]
    [InlineData("merge-request-event.atlantis.json", ReviewTrigger.Opened, 4580910, 12)]
    [InlineData("merge_request.update-with-oldrev.json", ReviewTrigger.Synchronize, 2, 2)]
    [InlineData("merge-request-event-update-new-commit.atlantis.json", ReviewTrigger.Synchronize, 910, 3)]
    public async Task Merge_request_hooks_that_bring_code_are_queued(string file, ReviewTrigger trigger, long projectId, int iid)
    {
        var harness = new Harness();

        var result = await harness.PostAsync("Merge Request Hook", Fixture(file));

        Assert.Equal(IngressOutcome.Queued, result.Outcome);
        var request = harness.Queue.TryTake()!;
        Assert.Equal(ForgeKind.GitLab, request.Forge);
        Assert.Equal(trigger, request.Trigger);
        Assert.Equal(projectId, request.RepositoryId);
        Assert.Equal(iid, request.Number);
        Assert.Contains("/", request.Repository, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Merge Request Hook", "merge-request-event-update-labels.atlantis.json", "no oldrev")]
    [InlineData("Merge Request Hook", "merge-request-event-mark-as-ready.atlantis.json", "no oldrev")]
    [InlineData("Note Hook", "note.merge_request.json", "no /kpb command")]
    [InlineData("Note Hook", "merge-request-comment-event.atlantis.json", "no /kpb command")]
    [InlineData("Push Hook", "merge_request.open.json", "event Push Hook")]
    public async Task Well_formed_events_we_do_not_act_on_are_ignored_not_refused_so_GitLab_keeps_the_hook(string eventName, string file, string why)
    {
        var harness = new Harness();

        var result = await harness.PostAsync(eventName, Fixture(file));

        Assert.Equal(IngressOutcome.Ignored, result.Outcome);
        Assert.Contains(why, result.Message, StringComparison.Ordinal);
        Assert.Null(harness.Queue.TryTake());
    }

    [Fact]
    public async Task A_note_with_a_command_is_queued_with_its_author_note_id_and_merge_request()
    {
        var payload = JsonNode.Parse(Fixture("note.merge_request.json"))!;
        payload["object_attributes"]!["note"] = "Please\n/kpb ignore deprecated-api staging driver";
        var harness = new Harness();

        await harness.PostAsync("Note Hook", Encoding.UTF8.GetBytes(payload.ToJsonString()));

        var request = harness.Queue.TryTake()!;
        Assert.Equal(ReviewTrigger.Command, request.Trigger);
        Assert.Equal((long)payload["object_attributes"]!["id"]!, request.CommentId);
        Assert.Equal((int)payload["merge_request"]!["iid"]!, request.Number);
        Assert.Equal((string)payload["user"]!["username"]!, request.Requester);
    }

    [Fact]
    public async Task The_same_idempotency_key_is_queued_once()
    {
        var harness = new Harness();

        await harness.PostAsync("Merge Request Hook", Fixture("merge_request.open.json"), key: "retry-1");
        var again = await harness.PostAsync("Merge Request Hook", Fixture("merge_request.open.json"), key: "retry-1");

        Assert.Contains("duplicate", again.Message, StringComparison.Ordinal);
        Assert.NotNull(harness.Queue.TryTake());
        Assert.Null(harness.Queue.TryTake());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("gitlab-hook-token ")]
    [InlineData("GITLAB-HOOK-TOKEN")]
    public async Task A_missing_or_wrong_token_is_401(string? token)
    {
        var result = await new Harness().PostAsync("Merge Request Hook", Fixture("merge_request.open.json"), token);

        Assert.Equal(IngressOutcome.Unauthorized, result.Outcome);
    }

    [Fact]
    public async Task Without_a_configured_secret_everything_is_401()
    {
        Assert.Equal(IngressOutcome.Unauthorized, (await new Harness(secret: null).PostAsync("Merge Request Hook", Fixture("merge_request.open.json"), "anything")).Outcome);
    }

    [Theory]
    [InlineData("{\"object_kind\":")]
    [InlineData("[]")]
    [InlineData("{\"object_kind\":\"merge_request\"}")]
    [InlineData("{\"object_attributes\":{\"action\":\"open\",\"iid\":\"one\"},\"project\":{\"id\":1,\"path_with_namespace\":\"a/b\"}}")]
    [InlineData("{\"object_attributes\":{\"action\":\"open\",\"iid\":3},\"project\":{\"path_with_namespace\":\"a/b\"}}")]
    [InlineData("{\"object_attributes\":{\"action\":\"open\",\"iid\":99999999999},\"project\":{\"id\":1,\"path_with_namespace\":\"a/b\"}}")]
    public async Task Malformed_or_incomplete_bodies_are_400_never_500(string body)
    {
        var result = await new Harness().PostAsync("Merge Request Hook", Encoding.UTF8.GetBytes(body));

        Assert.Equal(IngressOutcome.Malformed, result.Outcome);
    }
}

using KernelPrBot.Checks.Config;
using KernelPrBot.Review.Jobs;
using KernelPrBot.Review.Model;
using KernelPrBot.Review.Planning;
using Xunit;

namespace KernelPrBot.Review.Tests.Jobs;

public sealed class ReviewJobTests
{
    private const string RuleId = "atomic-sleeping-alloc";
    private const string AtomicLabel = "kpb: atomic";

    private static InMemoryCodeHost PullRequest(string after, string head = "head1", string? baseConfig = null)
    {
        var host = new InMemoryCodeHost(Samples.Change(Samples.Buggy));
        host.PutFile("base0", Samples.Path, Samples.Base);
        if (baseConfig is not null)
        {
            host.PutFile("base0", CheckConfigParser.FileName, baseConfig);
        }

        Push(host, after, head);
        return host;
    }

    private static void Push(InMemoryCodeHost host, string after, string head)
    {
        host.PutFile(head, Samples.Path, after);
        host.Change = Samples.Change(after, head: head);
    }

    private static ReviewRequest Event(ReviewTrigger trigger, string? head) => new()
    {
        Forge = ForgeKind.GitHub,
        Repository = "acme/linux",
        Number = 7,
        HeadSha = head,
        Trigger = trigger,
        DeliveryId = Guid.NewGuid().ToString(),
        Requester = "jane",
    };

    private static ReviewRequest Command(string text, long commentId, string requester) => new()
    {
        Forge = ForgeKind.GitHub,
        Repository = "acme/linux",
        Number = 7,
        Trigger = ReviewTrigger.Command,
        DeliveryId = Guid.NewGuid().ToString(),
        Requester = requester,
        CommandText = text,
        CommentId = commentId,
    };

    private static Task<ReviewOutcome> RunAsync(InMemoryCodeHost host, ReviewRequest request, ReviewOptions? options = null) =>
        new ReviewJob(host, new ReviewEnvironment { Options = options ?? ReviewOptions.Default }).RunAsync(request);

    private static bool IsFindingOf(HostedInlineComment comment, bool resolved) =>
        Markers.TryParseFinding(comment.Body, out _, out var r) && r == resolved && comment.Body.Contains(RuleId, StringComparison.Ordinal);

    [Fact]
    public async Task A_closed_pull_request_is_skipped_and_nothing_is_posted()
    {
        var host = PullRequest(Samples.Buggy);
        host.Change = host.Change with { IsOpen = false };

        var outcome = await RunAsync(host, Event(ReviewTrigger.Synchronize, "head1"));

        Assert.Equal(ReviewOutcomeKind.Skipped, outcome.Kind);
        Assert.Contains("closed", outcome.Message, StringComparison.Ordinal);
        Assert.Empty(host.Applied);
        Assert.Equal(0, host.FileReads);
    }

    [Fact]
    public async Task An_event_for_an_older_head_is_skipped_as_superseded_and_the_old_head_is_finished()
    {
        var host = PullRequest(Samples.Buggy, head: "head2");

        var outcome = await RunAsync(host, Event(ReviewTrigger.Opened, "head1"));

        Assert.Equal(ReviewOutcomeKind.Skipped, outcome.Kind);
        Assert.Contains("superseded", outcome.Message, StringComparison.Ordinal);
        Assert.Equal(["head1"], host.SupersededHeads);
        Assert.Empty(host.Applied);
    }

    [Fact]
    public async Task The_head_comparison_ignores_letter_case()
    {
        var host = PullRequest(Samples.Buggy, head: "abc123");

        var outcome = await RunAsync(host, Event(ReviewTrigger.Synchronize, "ABC123"));

        Assert.Equal(ReviewOutcomeKind.Applied, outcome.Kind);
        Assert.Empty(host.SupersededHeads);
    }

    [Fact]
    public async Task The_buggy_driver_gets_a_comment_a_label_and_a_failing_check_and_a_second_run_changes_nothing()
    {
        var host = PullRequest(Samples.Buggy);

        var first = await RunAsync(host, Event(ReviewTrigger.Opened, "head1"));

        Assert.Equal(ReviewOutcomeKind.Applied, first.Kind);
        Assert.True(first.FindingCount >= 1);
        var comment = Assert.Single(host.InlineComments);
        Assert.True(IsFindingOf(comment, resolved: false), comment.Body);
        Assert.Equal(Samples.Path, comment.Path);
        Assert.Equal([AtomicLabel], host.Labels);
        Assert.Equal(CheckConclusion.Failure, host.HeadCheckRun!.Conclusion);
        Assert.Contains(host.HeadCheckRun.Annotations, a => a.Title == RuleId);
        Assert.NotNull(host.Summary);

        var second = await RunAsync(host, Event(ReviewTrigger.Opened, "head1"));

        Assert.Equal(ReviewOutcomeKind.Applied, second.Kind);
        Assert.True(second.Plan!.IsEmpty, second.Plan.Describe());
        Assert.Single(host.Applied);
        Assert.Single(host.InlineComments);
        Assert.Single(host.CheckRuns);
    }

    [Fact]
    public async Task Pushing_the_fix_resolves_the_comment_removes_the_label_and_passes_on_the_new_head()
    {
        var host = PullRequest(Samples.Buggy);
        await RunAsync(host, Event(ReviewTrigger.Opened, "head1"));
        var summaryId = host.Summary!.Id;

        Push(host, Samples.Fixed, "head2");
        var outcome = await RunAsync(host, Event(ReviewTrigger.Synchronize, "head2"));

        Assert.Equal(ReviewOutcomeKind.Applied, outcome.Kind);
        var comment = Assert.Single(host.InlineComments);
        Assert.True(Markers.TryParseFinding(comment.Body, out _, out var resolved) && resolved, comment.Body);
        Assert.DoesNotContain(AtomicLabel, host.Labels);
        Assert.Equal(CheckConclusion.Success, host.HeadCheckRun!.Conclusion);
        Assert.Equal(summaryId, Assert.Single(host.IssueComments).Id);
        Assert.Contains(host.CheckRuns, r => r.HeadSha == "head1" && r.Conclusion == CheckConclusion.Failure);

        var again = await RunAsync(host, Event(ReviewTrigger.Synchronize, "head2"));
        Assert.True(again.Plan!.IsEmpty, again.Plan.Describe());
    }

    [Fact]
    public async Task A_malformed_base_branch_config_is_not_fatal_and_the_summary_says_it_was_not_used()
    {
        var host = PullRequest(Samples.Buggy, baseConfig: "rulez:\n  atomic-sleeping-alloc: off\n");

        var outcome = await RunAsync(host, Event(ReviewTrigger.Opened, "head1"));

        Assert.Equal(ReviewOutcomeKind.Applied, outcome.Kind);
        Assert.Contains($"{CheckConfigParser.FileName} was not used", host.Summary!.Body, StringComparison.Ordinal);
        Assert.Contains("rulez", host.Summary.Body, StringComparison.Ordinal);
        Assert.Contains(host.InlineComments, c => IsFindingOf(c, resolved: false));
        Assert.Equal(CheckConclusion.Failure, host.HeadCheckRun!.Conclusion);
    }

    [Fact]
    public async Task A_base_branch_config_that_turns_the_rule_off_removes_its_finding()
    {
        var host = PullRequest(Samples.Buggy, baseConfig: "rules:\n  atomic-sleeping-alloc: off\n");

        var outcome = await RunAsync(host, Event(ReviewTrigger.Opened, "head1"));

        Assert.Equal(ReviewOutcomeKind.Applied, outcome.Kind);
        Assert.DoesNotContain(host.InlineComments, c => c.Body.Contains(RuleId, StringComparison.Ordinal));
        Assert.DoesNotContain(AtomicLabel, host.Labels);
        Assert.DoesNotContain(host.HeadCheckRun!.Annotations, a => a.Title == RuleId);
        Assert.NotEqual(CheckConclusion.Failure, host.HeadCheckRun.Conclusion);
    }

    [Fact]
    public async Task The_config_is_read_from_the_base_commit_not_the_head()
    {
        var host = PullRequest(Samples.Buggy);
        host.PutFile("head1", CheckConfigParser.FileName, "rules:\n  atomic-sleeping-alloc: off\n");

        await RunAsync(host, Event(ReviewTrigger.Opened, "head1"));

        Assert.Contains(host.InlineComments, c => IsFindingOf(c, resolved: false));
    }

    [Fact]
    public async Task A_comment_without_a_command_is_skipped()
    {
        var host = PullRequest(Samples.Buggy);

        var outcome = await RunAsync(host, Command("looks good to me, kpb is happy", 5001, "bob"));

        Assert.Equal(ReviewOutcomeKind.Skipped, outcome.Kind);
        Assert.Empty(host.Applied);
    }

    [Fact]
    public async Task Explain_is_open_to_anyone_and_replies_without_reviewing()
    {
        var host = PullRequest(Samples.Buggy);

        var outcome = await RunAsync(host, Command($"/kpb explain {RuleId}", 5001, "stranger"));

        Assert.Equal(ReviewOutcomeKind.Applied, outcome.Kind);
        var reply = Assert.Single(host.IssueComments);
        Assert.Contains($"`{RuleId}`", reply.Body, StringComparison.Ordinal);
        Assert.True(Markers.TryParseReply(reply.Body, out var answered) && answered == 5001);
        Assert.Equal([new PlannedReaction(5001, "+1")], host.Reactions);
        Assert.Null(host.Summary);
        Assert.Empty(host.CheckRuns);
        Assert.Empty(host.InlineComments);
        Assert.Equal(0, host.FileReads);
    }

    [Fact]
    public async Task A_command_answered_before_is_skipped()
    {
        var host = PullRequest(Samples.Buggy);
        await RunAsync(host, Command($"/kpb explain {RuleId}", 5001, "stranger"));

        var outcome = await RunAsync(host, Command($"/kpb explain {RuleId}", 5001, "stranger"));

        Assert.Equal(ReviewOutcomeKind.Skipped, outcome.Kind);
        Assert.Contains("5001", outcome.Message, StringComparison.Ordinal);
        Assert.Single(host.Applied);
        Assert.Single(host.IssueComments);
    }

    [Fact]
    public async Task Recheck_by_a_collaborator_reviews_again_and_acknowledges_the_comment()
    {
        var host = PullRequest(Samples.Buggy);
        host.Grant("maintainer", RepositoryPermission.Triage);

        var outcome = await RunAsync(host, Command("/kpb recheck", 5002, "maintainer"));

        Assert.Equal(ReviewOutcomeKind.Applied, outcome.Kind);
        Assert.True(outcome.FindingCount >= 1);
        Assert.Contains(host.InlineComments, c => IsFindingOf(c, resolved: false));
        Assert.Equal(CheckConclusion.Failure, host.HeadCheckRun!.Conclusion);
        Assert.Equal([new PlannedReaction(5002, "+1")], host.Reactions);

        // A recheck answers with a reaction only: the conversation holds just the summary.
        Assert.Equal(host.Summary, Assert.Single(host.IssueComments));
    }

    [Fact]
    public async Task Recheck_by_someone_without_rights_is_refused_without_reviewing()
    {
        var host = PullRequest(Samples.Buggy);

        var outcome = await RunAsync(host, Command("/kpb recheck", 5003, "stranger"));

        Assert.Equal(ReviewOutcomeKind.Applied, outcome.Kind);
        var reply = Assert.Single(host.IssueComments);
        Assert.Contains("Sorry @stranger", reply.Body, StringComparison.Ordinal);
        Assert.Equal([new PlannedReaction(5003, "confused")], host.Reactions);
        Assert.Empty(host.CheckRuns);
    }

    [Fact]
    public async Task A_dry_run_plans_the_review_but_posts_nothing()
    {
        var host = PullRequest(Samples.Buggy);

        var outcome = await RunAsync(host, Event(ReviewTrigger.Opened, "head1"), ReviewOptions.Default with { DryRun = true });

        Assert.Equal(ReviewOutcomeKind.Planned, outcome.Kind);
        Assert.Contains(outcome.Plan!.NewComments, c => c.Body.Contains(RuleId, StringComparison.Ordinal));
        Assert.Contains(AtomicLabel, outcome.Plan.LabelsToAdd);
        Assert.Contains("dry run", outcome.Message, StringComparison.Ordinal);
        Assert.Empty(host.Applied);
        Assert.Empty(host.InlineComments);
        Assert.Empty(host.Labels);
        Assert.Empty(host.CheckRuns);
    }
}

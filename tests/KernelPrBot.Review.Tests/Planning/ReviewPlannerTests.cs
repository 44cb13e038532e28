using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Config;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Source;
using KernelPrBot.Review.Analysis;
using KernelPrBot.Review.Jobs;
using KernelPrBot.Review.Model;
using KernelPrBot.Review.Planning;
using Xunit;

namespace KernelPrBot.Review.Tests.Planning;

public sealed class ReviewPlannerTests
{
    private static readonly ReviewEnvironment Environment = new();

    private static ReviewPlan PlanFor(Change change, string after, PriorBotState prior, IReadOnlyList<IgnoreEntry>? ignores = null, ReviewOptions? options = null)
    {
        var built = ChangeSeries.Build(change);
        var images = new Dictionary<(int, string), FileImages>
        {
            [(built.DiffPatchIndex, Samples.Path)] = new(PatchText.SplitLines(Samples.Base), PatchText.SplitLines(after)),
        };
        var analysis = ChangeAnalyzer.Run(built, images, CheckConfig.Empty, Environment with { Options = options ?? ReviewOptions.Default });
        return ReviewPlanner.Plan(new PlannerInput
        {
            Change = change,
            Findings = analysis.Findings,
            Diff = new DiffFilter(analysis.DiffFiles),
            Prior = prior,
            Ignores = ignores ?? [],
            Notes = analysis.Notes,
            Options = options ?? ReviewOptions.Default,
        });
    }

    [Fact]
    public void First_run_comments_on_the_bad_line_labels_summarises_and_fails_the_check()
    {
        var plan = PlanFor(Samples.Change(Samples.Buggy), Samples.Buggy, PriorBotState.Empty);

        var comment = Assert.Single(plan.NewComments);
        Assert.Equal(Samples.Path, comment.Path);
        var kmallocLine = Array.FindIndex(PatchText.SplitLines(Samples.Buggy), l => l.Contains("kmalloc", StringComparison.Ordinal)) + 1;
        Assert.Equal(kmallocLine, comment.Line);
        Assert.Contains("atomic-sleeping-alloc", comment.Body, StringComparison.Ordinal);
        Assert.Equal(["kpb: atomic"], plan.LabelsToAdd);
        Assert.NotNull(plan.Summary);
        Assert.Null(plan.Summary!.CommentId);
        Assert.Contains("https://docs.kernel.org/process/coding-assistants.html", plan.Summary.Body, StringComparison.Ordinal);
        Assert.Contains("CONFIG_DEBUG_ATOMIC_SLEEP", plan.Summary.Body, StringComparison.Ordinal);
        Assert.Equal(CheckConclusion.Failure, plan.CheckRun!.Conclusion);
        Assert.Contains(plan.CheckRun.Annotations, a => a.Line() == kmallocLine && a.Title == "atomic-sleeping-alloc");
        Assert.StartsWith("7:", plan.CheckRun.ExternalId, StringComparison.Ordinal);
    }

    [Fact]
    public void Running_again_on_an_unchanged_pull_request_plans_nothing()
    {
        var forge = new ForgeState();
        var change = Samples.Change(Samples.Buggy);
        forge.Apply(PlanFor(change, Samples.Buggy, forge.State));

        var second = PlanFor(change, Samples.Buggy, forge.State);

        Assert.True(second.IsEmpty, second.Describe());
    }

    [Fact]
    public void A_fix_resolves_the_comment_drops_the_label_edits_the_same_summary_and_passes()
    {
        var forge = new ForgeState();
        forge.Apply(PlanFor(Samples.Change(Samples.Buggy), Samples.Buggy, forge.State));
        var summaryId = forge.State.Summary!.Id;
        forge.Push();

        var plan = PlanFor(Samples.Change(Samples.Fixed, head: "head2"), Samples.Fixed, forge.State);
        forge.Apply(plan);

        var edit = Assert.Single(plan.CommentEdits);
        Assert.True(edit.Resolves);
        Assert.Empty(plan.NewComments);
        Assert.Equal(["kpb: atomic"], plan.LabelsToRemove);
        Assert.Equal(summaryId, plan.Summary!.CommentId);
        Assert.Equal(CheckConclusion.Success, plan.CheckRun!.Conclusion);
        Assert.Equal(1, forge.SummariesCreated);
        Assert.True(PlanFor(Samples.Change(Samples.Fixed, head: "head2"), Samples.Fixed, forge.State).IsEmpty);
    }

    [Fact]
    public void A_finding_that_returns_reopens_its_old_comment_instead_of_posting_a_new_one()
    {
        var forge = new ForgeState();
        forge.Apply(PlanFor(Samples.Change(Samples.Buggy), Samples.Buggy, forge.State));
        forge.Push();
        forge.Apply(PlanFor(Samples.Change(Samples.Fixed, head: "head2"), Samples.Fixed, forge.State));
        forge.Push();

        var plan = PlanFor(Samples.Change(Samples.Buggy, head: "head3"), Samples.Buggy, forge.State);

        Assert.Empty(plan.NewComments);
        Assert.False(Assert.Single(plan.CommentEdits).Resolves);
    }

    [Fact]
    public void An_ignored_rule_no_longer_counts_and_the_summary_records_who_and_why()
    {
        var forge = new ForgeState();
        var change = Samples.Change(Samples.Buggy);
        forge.Apply(PlanFor(change, Samples.Buggy, forge.State));

        var ignores = new[] { new IgnoreEntry("atomic-sleeping-alloc", "the lock is a raw test double here", "maint") };
        var plan = PlanFor(change, Samples.Buggy, forge.State, ignores);

        Assert.Equal(CheckConclusion.Success, plan.CheckRun!.Conclusion);
        Assert.True(Assert.Single(plan.CommentEdits).Resolves);
        Assert.Contains("the lock is a raw test double here", plan.Summary!.Body, StringComparison.Ordinal);
        Assert.Contains("@maint", plan.Summary.Body, StringComparison.Ordinal);
        Assert.Equal(ignores, Markers.ParseIgnores(plan.Summary.Body));
    }

    [Fact]
    public void An_unfinished_check_run_is_completed_with_only_the_missing_annotations()
    {
        var change = Samples.Change(Samples.Buggy);
        var fresh = PlanFor(change, Samples.Buggy, PriorBotState.Empty);
        var posted = fresh.CheckRun!.Annotations.Select(a => a.Key).ToHashSet();
        var prior = PriorBotState.Empty with { CheckRun = new PostedCheckRun(55, Completed: false, fresh.CheckRun.ExternalId, posted) };

        var plan = PlanFor(change, Samples.Buggy, prior);

        Assert.Equal(55, plan.CheckRun!.ExistingId);
        Assert.Empty(plan.CheckRun.Annotations);
    }

    [Fact]
    public void Inline_comments_stop_at_the_configured_cap()
    {
        var many = Samples.Base + string.Concat(Enumerable.Range(0, 8).Select(i => $$"""
            static int acme_fill{{i}}(struct acme *a)
            {
            	unsigned long flags;

            	spin_lock_irqsave(&a->lock, flags);
            	a->buf = kmalloc({{i + 10}}, GFP_KERNEL);
            	spin_unlock_irqrestore(&a->lock, flags);
            	return 0;
            }

            """));
        var options = ReviewOptions.Default with { MaxInlineComments = 3 };

        var plan = PlanFor(Samples.Change(many), many, PriorBotState.Empty, options: options);

        Assert.Equal(3, plan.NewComments.Count);
        Assert.Equal(8, plan.CheckRun!.Annotations.Count);
    }

    [Fact]
    public void Labels_other_than_the_bots_are_left_alone()
    {
        var prior = PriorBotState.Empty with { Labels = ["needs-rebase", "kpb: rcu"] };

        var plan = PlanFor(Samples.Change(Samples.Fixed), Samples.Fixed, prior);

        Assert.Equal(["kpb: rcu"], plan.LabelsToRemove);
        Assert.Empty(plan.LabelsToAdd);
    }
}

internal static class AnnotationExtensions
{
    public static int Line(this PlannedAnnotation a) => a.StartLine;
}

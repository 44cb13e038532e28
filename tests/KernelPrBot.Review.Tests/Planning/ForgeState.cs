using KernelPrBot.Review.Planning;
using Xunit;

namespace KernelPrBot.Review.Tests.Planning;

/// <summary>What a forge would hold after applying plans: turns a plan into the next run's prior state.</summary>
internal sealed class ForgeState
{
    private long _nextId = 100;

    public PriorBotState State { get; private set; } = PriorBotState.Empty;

    public int ReviewsPosted { get; private set; }

    public int SummariesCreated { get; private set; }

    public int CheckRunsCreated { get; private set; }

    public void Apply(ReviewPlan plan)
    {
        var comments = State.InlineComments.ToList();
        foreach (var c in plan.NewComments)
        {
            comments.Add(new PostedComment(_nextId++, c.Fingerprint, false, c.Path, c.Line));
        }

        if (plan.NewComments.Count > 0)
        {
            ReviewsPosted++;
        }

        foreach (var e in plan.CommentEdits)
        {
            var i = comments.FindIndex(c => c.Id == e.CommentId);
            Assert.True(Markers.TryParseFinding(e.Body, out var fp, out var resolved));
            Assert.Equal(e.Resolves, resolved);
            comments[i] = comments[i] with { Resolved = resolved, Fingerprint = fp };
        }

        var labels = State.Labels.Concat(plan.LabelsToAdd).Except(plan.LabelsToRemove).ToList();
        var summary = State.Summary;
        if (plan.Summary is { } s)
        {
            if (s.CommentId is null)
            {
                SummariesCreated++;
            }

            summary = new PostedSummary(s.CommentId ?? _nextId++, s.Body);
        }

        var check = State.CheckRun;
        if (plan.CheckRun is { } run)
        {
            if (run.ExistingId is null)
            {
                CheckRunsCreated++;
            }

            check = new PostedCheckRun(run.ExistingId ?? _nextId++, true, run.ExternalId, new HashSet<string>());
        }

        var replied = State.RepliedTo.Concat(plan.Replies.Select(r => r.InReplyToCommentId)).ToHashSet();
        State = new PriorBotState { InlineComments = comments, Labels = labels, Summary = summary, CheckRun = check, RepliedTo = replied };
    }

    /// <summary>A new head commit: check runs belong to commits, so the new head has none yet.</summary>
    public void Push() => State = State with { CheckRun = null };
}

using Octokit;
using Xunit;

namespace KernelPrBot.Testing.Tests.FakeGitHub;

/// <summary>Octokit.net 14 reads the fake's responses and sends requests the fake accepts without violations.</summary>
public class OctokitCompatibilityTests
{
    private const string Owner = Scenario.Owner;
    private const string Name = Scenario.Name;

    [Fact]
    public async Task Octokit_round_trips_through_the_fake()
    {
        await using var s = await Scenario.StartAsync();
        var product = new ProductHeaderValue("kpb-tests");
        var app = new GitHubClient(product, s.Server.BaseUrl) { Credentials = new Credentials(s.Server.CreateAppJwt(), AuthenticationType.Bearer) };
        var installation = await app.GitHubApps.GetRepositoryInstallationForCurrent(Owner, Name);
        Assert.Equal(7, installation.Id);
        var token = await app.GitHubApps.CreateInstallationToken(installation.Id);
        Assert.True(token.ExpiresAt > DateTimeOffset.UtcNow.AddMinutes(50));

        var client = new GitHubClient(product, s.Server.BaseUrl) { Credentials = new Credentials(token.Token) };
        var pr = await client.PullRequest.Get(Owner, Name, 1);
        Assert.Equal(s.Pr.HeadSha, pr.Head.Sha);
        Assert.Equal("contributor", pr.User.Login);

        var files = await client.PullRequest.Files(Owner, Name, 1, new ApiOptions { PageSize = 1 });
        Assert.Equal(["drivers/bar.c", "drivers/foo.c"], files.Select(f => f.FileName).ToArray());
        Assert.StartsWith("@@", files[1].Patch, StringComparison.Ordinal);
        var commits = await client.PullRequest.Commits(Owner, Name, 1);
        Assert.Equal(s.Pr.CommitShas, commits.Select(c => c.Sha).ToList());

        var comment = await client.Issue.Comment.Create(Owner, Name, 1, "hello");
        Assert.Equal("kernel-pr-bot[bot]", comment.User.Login);
        await client.Issue.Comment.Update(Owner, Name, comment.Id, "edited");
        var reaction = await client.Reaction.IssueComment.Create(Owner, Name, comment.Id, new NewReaction(ReactionType.Eyes));
        Assert.Equal(ReactionType.Eyes, reaction.Content.Value);

        await client.Issue.Labels.AddToIssue(Owner, Name, 1, ["kpb: atomic", "kpb: style"]);
        await client.Issue.Labels.RemoveFromIssue(Owner, Name, 1, "kpb: atomic");
        Assert.Equal(["kpb: style"], s.Repo.Labels(1));

        var run = await client.Check.Run.Create(Owner, Name, new NewCheckRun("kernel-pr-bot", s.Pr.HeadSha)
        {
            Status = CheckStatus.InProgress,
            ExternalId = "job-1",
            Output = new NewCheckRunOutput("t", "s")
            {
                Annotations = [new NewCheckRunAnnotation("drivers/foo.c", 10, 10, CheckAnnotationLevel.Warning, "m")],
            },
        });
        await client.Check.Run.Update(Owner, Name, run.Id, new CheckRunUpdate { Conclusion = CheckConclusion.Success });
        var runs = await client.Check.Run.GetAllForReference(Owner, Name, s.Pr.HeadSha);
        Assert.Equal(CheckStatus.Completed, runs.CheckRuns.Single().Status.Value);
        Assert.Equal("job-1", runs.CheckRuns.Single().ExternalId);

        var review = await client.PullRequest.Review.Create(Owner, Name, 1, new PullRequestReviewCreate
        {
            CommitId = s.Pr.HeadSha,
            Body = "b",
            Event = PullRequestReviewEvent.Comment,
            Comments = [new DraftPullRequestReviewComment("c", "drivers/foo.c", 5)],
        });
        Assert.Equal(PullRequestReviewState.Commented, review.State.Value);
        var reviewComments = await client.PullRequest.ReviewComment.GetAll(Owner, Name, 1);
        Assert.Equal(review.Id, reviewComments.Single().PullRequestReviewId);

        var raw = await client.Repository.Content.GetRawContentByRef(Owner, Name, "drivers/foo.c", s.Pr.BaseSha);
        Assert.Equal(Scenario.Lines(1, 20), System.Text.Encoding.UTF8.GetString(raw));

        s.Repo.SetPermission("maintainer", "triage");
        var permission = await client.Repository.Collaborator.ReviewPermission(Owner, Name, "maintainer");
        Assert.Equal("read", permission.Permission);

        var limit = client.GetLastApiInfo().RateLimit;
        Assert.Equal(5000, limit.Limit);
        Assert.True(limit.Remaining < 5000);
        s.Server.AssertNoViolations();
    }
}

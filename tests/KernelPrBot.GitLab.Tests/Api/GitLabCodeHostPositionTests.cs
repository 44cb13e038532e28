using KernelPrBot.GitLab.Api;
using KernelPrBot.Review;
using KernelPrBot.Review.Model;
using KernelPrBot.Review.Planning;
using KernelPrBot.Testing.FakeGitHub;
using KernelPrBot.Testing.FakeGitLab;
using Xunit;

namespace KernelPrBot.GitLab.Tests.Api;

/// <summary>Discussions land where GitLab wants them: added lines by new_line, context by both, removed by old_line.</summary>
public sealed class GitLabCodeHostPositionTests
{
    private const string Path = "drivers/acme/a.c";
    private const string Before = "one\ntwo\nthree\nfour\nfive\nsix\nseven\n";
    private const string After = "one\ntwo\nthree\nFOUR\nfive\nsix\nseven\n";

    // Positions only: the forge resilience chain has tests of its own in KernelPrBot.Hosting.Tests.
    private static readonly HttpMessageHandler Handler = new SocketsHttpHandler();

    [Fact]
    public async Task Added_context_and_removed_lines_are_positioned_by_their_sides()
    {
        await using var gitlab = await FakeGitLabServer.StartAsync();
        var project = gitlab.AddProject("acme/linux");
        var mr = project.OpenMergeRequest(3, "t", "jane", new Dictionary<string, string> { [Path] = Before },
            [new FakeCommit("acme: four\n\nSigned-off-by: J <j@example.org>\n", "J", "j@example.org", new Dictionary<string, string?> { [Path] = After })]);
        var options = new GitLabOptions { Url = gitlab.BaseUrl.ToString(), Token = gitlab.Options.BotToken };
        var host = new GitLabCodeHost(GitLabHttp.Create(options, Handler), ReviewOptions.Default);
        var change = await host.GetChangeAsync(new ReviewRequest { Forge = ForgeKind.GitLab, Repository = "acme/linux", RepositoryId = project.Id, Number = 3, Trigger = ReviewTrigger.Opened, DeliveryId = "d" });

        await host.ApplyAsync(change, new ReviewPlan
        {
            HeadSha = change.HeadSha,
            NewComments =
            [
                new PlannedComment(Path, 4, "added", "fp-added"),
                new PlannedComment(Path, 3, "context", "fp-context", OldLine: 3),
                new PlannedComment(Path, null, "removed", "fp-removed", OldLine: 4),
            ],
        });

        var positions = project.Discussions(3).Where(d => !d.IndividualNote).ToDictionary(d => d.Notes[0].Body, d => d.Notes[0].Position!);
        Assert.Equal((null, 4), (positions["added"].OldLine, positions["added"].NewLine));
        Assert.Equal((3, 3), (positions["context"].OldLine, positions["context"].NewLine));
        Assert.Equal((4, null), (positions["removed"].OldLine, positions["removed"].NewLine));
        Assert.All(positions.Values, p => Assert.Equal(mr.Versions[0].HeadCommitSha, p.HeadSha));
        gitlab.AssertNoViolations();
    }
}

using Xunit;

namespace KernelPrBot.Testing.Tests.FakeGitHub;

public class ReviewTests
{
    private static object Comment(string path, int line, string side = "RIGHT") => new { path, body = "check this", line, side };

    [Fact]
    public async Task A_review_on_diff_lines_lands_with_its_comments()
    {
        await using var s = await Scenario.StartAsync();
        var (status, review, _) = await s.PostAsync($"{Scenario.Prefix}/pulls/1/reviews", new
        {
            commit_id = s.Pr.HeadSha,
            body = "summary",
            @event = "COMMENT",
            comments = new[] { Comment("drivers/foo.c", 10), Comment("drivers/foo.c", 10, "LEFT"), Comment("drivers/foo.c", 7), Comment("drivers/bar.c", 1) },
        });
        Assert.Equal(200, status);
        Assert.Equal("COMMENTED", (string?)review!["state"]);
        Assert.Equal("kernel-pr-bot[bot]", (string?)review["user"]!["login"]);

        var (_, comments, _) = await s.GetAsync($"{Scenario.Prefix}/pulls/1/comments");
        Assert.Equal(4, comments!.AsArray().Count);
        var first = comments[0]!;
        Assert.Equal((long)review["id"]!, (long)first["pull_request_review_id"]!);
        Assert.Equal(10, (int)first["line"]!);
        Assert.Equal(10, (int)first["original_line"]!);
        Assert.Equal("RIGHT", (string?)first["side"]);
        Assert.Equal(s.Pr.HeadSha, (string?)first["commit_id"]);
        Assert.Equal("Bot", (string?)first["user"]!["type"]);
        Assert.EndsWith("+line ten", (string?)first["diff_hunk"], StringComparison.Ordinal);
        Assert.Equal("LEFT", (string?)comments[1]!["side"]);
        Assert.Single(s.Repo.Reviews(1));
        s.Server.AssertNoViolations();
    }

    [Fact]
    public async Task One_line_outside_the_diff_fails_the_whole_review()
    {
        await using var s = await Scenario.StartAsync();
        foreach (var bad in new[] { Comment("drivers/foo.c", 1), Comment("drivers/foo.c", 14, "LEFT"), Comment("README", 1), Comment("drivers/bar.c", 1, "LEFT") })
        {
            var (status, error, _) = await s.PostAsync($"{Scenario.Prefix}/pulls/1/reviews", new
            {
                commit_id = s.Pr.HeadSha,
                @event = "COMMENT",
                comments = new[] { Comment("drivers/foo.c", 10), bad },
            });
            Assert.Equal(422, status);
            Assert.Equal("Unprocessable Entity", (string?)error!["message"]);
        }

        var (_, lineError, _) = await s.PostAsync($"{Scenario.Prefix}/pulls/1/reviews", new { @event = "COMMENT", comments = new[] { Comment("drivers/foo.c", 2) } });
        Assert.Equal("Line could not be resolved", (string?)lineError!["errors"]![0]);
        Assert.Empty(s.Repo.ReviewComments(1));
        Assert.Empty(s.Repo.Reviews(1));
    }

    [Fact]
    public async Task Multi_line_comments_must_stay_in_one_hunk_and_go_forward()
    {
        await using var s = await Scenario.StartAsync();
        var good = new { path = "drivers/foo.c", body = "b", start_line = 8, start_side = "RIGHT", line = 11, side = "RIGHT" };
        Assert.Equal(200, (await s.PostAsync($"{Scenario.Prefix}/pulls/1/reviews", new { @event = "COMMENT", comments = new[] { good } })).Status);
        var backwards = new { path = "drivers/foo.c", body = "b", start_line = 11, line = 8, side = "RIGHT" };
        Assert.Equal(422, (await s.PostAsync($"{Scenario.Prefix}/pulls/1/reviews", new { @event = "COMMENT", comments = new[] { backwards } })).Status);
        Assert.Equal(8, s.Repo.ReviewComments(1).Single().StartLine);
    }

    [Fact]
    public async Task A_commit_outside_the_PR_is_refused()
    {
        await using var s = await Scenario.StartAsync();
        var (status, _, _) = await s.PostAsync($"{Scenario.Prefix}/pulls/1/reviews", new { commit_id = new string('a', 40), body = "x", @event = "COMMENT" });
        Assert.Equal(422, status);
    }

    [Fact]
    public async Task Legacy_position_counts_lines_below_the_first_hunk_header()
    {
        await using var s = await Scenario.StartAsync();
        // Hunk "@@ -7,7 +7,7 @@": 7, 8, 9 context, -line 10 (position 4), +line ten (position 5).
        var (status, _, _) = await s.PostAsync($"{Scenario.Prefix}/pulls/1/reviews", new
        {
            @event = "COMMENT",
            comments = new[] { new { path = "drivers/foo.c", body = "b", position = 5 } },
        });
        Assert.Equal(200, status);
        var comment = s.Repo.ReviewComments(1).Single();
        Assert.Equal((10, "RIGHT"), (comment.Line, comment.Side));
    }

    [Fact]
    public async Task Bad_enum_values_are_violations_and_refused()
    {
        await using var s = await Scenario.StartAsync();
        var (status, _, _) = await s.PostAsync($"{Scenario.Prefix}/pulls/1/reviews", new { body = "x", @event = "approve-ish" });
        Assert.Equal(422, status);
        Assert.Contains("POST /repos/torvalds/linux/pulls/1/reviews: event: 'approve-ish' is not one of APPROVE, REQUEST_CHANGES, COMMENT", s.Server.Violations);

        (status, _, _) = await s.PostAsync($"{Scenario.Prefix}/pulls/1/reviews", new { @event = "COMMENT", comments = new[] { Comment("drivers/foo.c", 10, "right") } });
        Assert.Equal(422, status);
        Assert.Contains("POST /repos/torvalds/linux/pulls/1/reviews: comments[0].side: 'right' is not one of LEFT, RIGHT", s.Server.Violations);
        Assert.Throws<Xunit.Sdk.TrueException>(s.Server.AssertNoViolations);
        Assert.Empty(s.Repo.Reviews(1));
    }
}

using System.Net;
using KernelPrBot.Testing.FakeGitHub;
using Xunit;

namespace KernelPrBot.EndToEnd.Tests;

/// <summary>Every slash command from every GitHub permission level (and the PR's author): the reaction, and whether a review ran.</summary>
public sealed class GitHubCommandMatrixTests(GitHubCommandFixture fixture) : IClassFixture<GitHubCommandFixture>
{
    private const string Author = "jane";

    public static TheoryData<int, string, string> Cases()
    {
        var data = new TheoryData<int, string, string>();
        var number = 100;
        foreach (var level in GitHubCommandFixture.Levels.Append("author"))
        {
            foreach (var command in SlashCommandCase.Commands)
            {
                data.Add(number++, level, command);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_command_is_accepted_or_refused_by_permission_and_reviews_only_when_it_should(int number, string level, string command)
    {
        var repo = fixture.Repo;
        var pr = repo.OpenPullRequest(number, $"net: acme: case {number}", Author,
            new Dictionary<string, string> { [SampleDriver.DriverPath] = SampleDriver.Base },
            [new FakeCommit($"net: acme: case {number}\n\nSigned-off-by: Jane Developer <jane@example.org>\n", "Jane Developer", "jane@example.org",
                new Dictionary<string, string?> { [SampleDriver.DriverPath] = SampleDriver.Buggy })]);
        var login = level == "author" ? Author : "u-" + level;
        var canTriage = level is "author" or "triage" or "write" or "maintain" or "admin";
        var canWrite = level is "write" or "maintain" or "admin";
        var (accepted, reviews) = SlashCommandCase.Expected(command, canTriage, canWrite);
        Eventually.Diagnostics = () => string.Join("\n", fixture.GitHub.Requests.TakeLast(15));

        var comment = repo.AddIssueComment(number, login, command);
        var delivery = GitHubWebhooks.IssueComment(repo, number, comment, login, command, BotServer.Secret);
        Assert.Equal(HttpStatusCode.Accepted, (await GitHubWebhooks.PostAsync(fixture.Http, fixture.Bot.GitHubWebhooks, delivery)).StatusCode);
        await Eventually.HoldsAsync(() => repo.Reactions(comment).Count > 0, $"{level}: {command} answered", seconds: 20);

        Assert.Equal(accepted ? "+1" : "confused", Assert.Single(repo.Reactions(comment)).Content);
        bool Reviewed() => repo.CheckRuns().Any(r => r.HeadSha == pr.HeadSha && r.Status == "completed");
        if (reviews)
        {
            await Eventually.HoldsAsync(Reviewed, $"{level}: {command} reviewed", seconds: 20);
        }
        else
        {
            await Task.Delay(150);
            Assert.False(Reviewed(), $"{level}: {command} must not review");
        }
    }
}

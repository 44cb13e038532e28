using System.Net;
using KernelPrBot.Testing.FakeGitHub;
using KernelPrBot.Testing.FakeGitLab;
using Xunit;

namespace KernelPrBot.EndToEnd.Tests;

/// <summary>Every slash command from every GitLab access level (and the MR's author): the award, and whether a review ran.</summary>
public sealed class GitLabCommandMatrixTests(GitLabCommandFixture fixture) : IClassFixture<GitLabCommandFixture>
{
    private const string Author = "jane";

    public static TheoryData<int, string, string> Cases()
    {
        var data = new TheoryData<int, string, string>();
        var iid = 100;
        foreach (var level in GitLabCommandFixture.Levels.Keys.Append("author"))
        {
            foreach (var command in SlashCommandCase.Commands)
            {
                data.Add(iid++, level, command);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_command_is_accepted_or_refused_by_access_level_and_reviews_only_when_it_should(int iid, string level, string command)
    {
        var project = fixture.Project;
        var mr = project.OpenMergeRequest(iid, $"net: acme: case {iid}", Author,
            new Dictionary<string, string> { [SampleDriver.DriverPath] = SampleDriver.Base },
            [new FakeCommit($"net: acme: case {iid}\n\nSigned-off-by: Jane Developer <jane@example.org>\n", "Jane Developer", "jane@example.org",
                new Dictionary<string, string?> { [SampleDriver.DriverPath] = SampleDriver.Buggy })]);
        var login = level == "author" ? Author : "u-" + level;
        var canTriage = level is "author" or "developer" or "maintainer" or "owner";
        var canWrite = level is "maintainer" or "owner";
        var (accepted, reviews) = SlashCommandCase.Expected(command, canTriage, canWrite);
        Eventually.Diagnostics = () => string.Join("\n", fixture.GitLab.Requests.TakeLast(15));

        var note = project.AddNote(iid, login, command);
        var delivery = GitLabWebhooks.Note(project, iid, note, login, command, GitLabCommandFixture.Token);
        Assert.Equal(HttpStatusCode.Accepted, (await GitLabWebhooks.PostAsync(fixture.Http, fixture.Hooks, delivery)).StatusCode);
        await Eventually.HoldsAsync(() => project.AwardEmoji(note).Count > 0, $"{level}: {command} answered", seconds: 20);

        Assert.Equal(accepted ? "thumbsup" : "confused", Assert.Single(project.AwardEmoji(note)).Name);
        bool Reviewed() => project.Statuses(mr.HeadSha).Any(s => s.Name == "KernelPrBot" && s.State is "success" or "failed");
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

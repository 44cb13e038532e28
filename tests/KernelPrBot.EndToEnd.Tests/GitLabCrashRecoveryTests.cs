using KernelPrBot.Testing;
using KernelPrBot.Testing.FakeGitHub;
using KernelPrBot.Testing.FakeGitLab;
using Xunit;

namespace KernelPrBot.EndToEnd.Tests;

/// <summary>The GitLab path survives a killed server like the GitHub path: the restarted process finishes in the clean-run state.</summary>
public sealed class GitLabCrashRecoveryTests
{
    private const string Token = "gitlab-hook-secret";

    private static (FakeProject Project, FakeMergeRequest Mr) Scenario(FakeGitLabServer gitlab)
    {
        var project = gitlab.AddProject("acme/linux");
        var mr = project.OpenMergeRequest(4, "net: acme: rx buffer", "jane",
            new Dictionary<string, string> { [SampleDriver.DriverPath] = SampleDriver.Base },
            [new FakeCommit(SampleDriver.AddMessage, "Jane Developer", "jane@example.org", new Dictionary<string, string?> { [SampleDriver.DriverPath] = SampleDriver.Buggy })]);
        return (project, mr);
    }

    private static bool Finished(FakeProject project, FakeMergeRequest mr) =>
        project.Statuses(mr.HeadSha).FirstOrDefault(s => s.Name == "KernelPrBot")?.State is "success" or "failed";

    private static string Fingerprint(FakeProject project, FakeMergeRequest mr) => string.Join("\n",
        [
            .. project.Discussions(mr.Iid).Select(d => $"discussion {d.IndividualNote} {d.Resolved} {string.Join("|", d.Notes.Select(n => $"{n.Author}:{n.Position?.NewLine}:{n.Body}"))}"),
            .. project.Labels(mr.Iid),
            .. project.Statuses(mr.HeadSha).Select(s => $"{s.Name} {s.State} {s.Description}"),
        ]);

    [Fact]
    public async Task Killing_the_server_mid_review_then_restarting_ends_in_the_clean_run_state()
    {
        using var temp = new TempDirectory("gitlab-crash");
        string expected;
        await using (var clean = await FakeGitLabServer.StartAsync())
        {
            var (project, mr) = Scenario(clean);
            await using var bot = await BotServer.StartGitLabAsync(clean.BaseUrl, clean.Options.BotToken, Token, temp.Combine("clean.db"));
            using var http = new HttpClient();
            await GitLabWebhooks.PostAsync(http, new Uri(bot.Url, "api/gitlab/webhooks"), GitLabWebhooks.MergeRequest("open", project, mr, Token));
            await Eventually.HoldsAsync(() => Finished(project, mr), "clean run finished");
            expected = Fingerprint(project, mr);
        }

        await using var gitlab = await FakeGitLabServer.StartAsync();
        var (p, m) = Scenario(gitlab);
        var settings = BotServer.GitLabSettings(gitlab.BaseUrl, gitlab.Options.BotToken, Token, temp.Combine("queue.db"));
        using var first = await BotProcess.StartAsync(settings);
        var writes = 0;
        var killed = new TaskCompletionSource();
        gitlab.RequestCompleted += request =>
        {
            if (request.IsWrite && Interlocked.Increment(ref writes) == 2)
            {
                first.Kill();
                killed.TrySetResult();
            }
        };
        using (var http = new HttpClient())
        {
            await GitLabWebhooks.PostAsync(http, new Uri(first.Url, "api/gitlab/webhooks"), GitLabWebhooks.MergeRequest("open", p, m, Token));
        }

        await killed.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.False(Finished(p, m), "the job was stopped before it finished");
        first.Dispose();

        using var second = await BotProcess.StartAsync(settings);
        await Eventually.HoldsAsync(() => Finished(p, m), "the restarted server finished the job");

        Assert.Equal(expected, Fingerprint(p, m));
        gitlab.AssertNoViolations();
    }
}

using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using KernelPrBot.Testing;
using KernelPrBot.Testing.FakeGitHub;
using KernelPrBot.Testing.FakeGitLab;
using KernelPrBot.Testing.FakeModel;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace KernelPrBot.EndToEnd.Tests;

/// <summary>
/// Full reviews on both forges at Debug level, including a job that fails until it is dead-lettered: no log line,
/// logged exception, dead-letter reason or text the bot posts carries a credential.
/// </summary>
public sealed partial class SecretsStayOutOfLogsTests : IDisposable
{
    private const string GitLabSecret = "gitlab-hook-secret-5f0c1e";
    private readonly HttpClient _http = new();
    private readonly CapturedLogs _logs = new();
    private readonly TempDirectory _temp = new("secrets");

    public void Dispose()
    {
        _http.Dispose();
        _logs.Dispose();
        _temp.Dispose();
    }

    private void Capture(WebApplicationBuilder builder)
    {
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton<ILoggerProvider>(_logs);
    }

    [Fact]
    public async Task A_GitHub_App_review_with_a_command_and_a_dead_letter_leaks_no_key_token_or_secret()
    {
        await using var github = await FakeGitHubServer.StartAsync();
        var queue = _temp.Combine("github.db");
        var bot = await BotServer.StartConfiguredAsync(github, Capture, queue, "--Logging:LogLevel:Default=Debug", "--KernelPrBot:Queue:MaxAttempts=2");
        await using (bot)
        {
            var s = new PullRequestScenario(github);
            Eventually.Diagnostics = () => string.Join("\n", github.Requests.TakeLast(15));
            await DeliverAsync(bot.GitHubWebhooks, GitHubWebhooks.PullRequest("opened", s.Repo, s.Pr, BotServer.Secret));
            await Eventually.HoldsAsync(() => s.CheckCompleted(), "opened PR reviewed");

            var comment = s.Repo.AddIssueComment(s.Number, PullRequestScenario.Maintainer, "/kpb recheck");
            await DeliverAsync(bot.GitHubWebhooks, GitHubWebhooks.IssueComment(s.Repo, s.Number, comment, PullRequestScenario.Maintainer, "/kpb recheck", BotServer.Secret));
            await Eventually.HoldsAsync(() => s.Repo.Reactions(comment).Count > 0, "recheck answered");

            // 401 and 404 bodies that echo what a careless client would log: the request's own credentials.
            github.Faults.Fail("GET", @"/pulls/\d+/commits$", 401, times: 100, body: """{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"}""");
            s.PushFix();
            await DeliverAsync(bot.GitHubWebhooks, GitHubWebhooks.PullRequest("synchronize", s.Repo, s.Pr, BotServer.Secret));
            await Eventually.HoldsAsync(() => s.LatestCheckRun()?.Output?.Title == "KernelPrBot could not finish its review", "failure reported", seconds: 45);
        }

        var secrets = KeyLines(github.Options.AppKey.ExportRSAPrivateKeyPem())
            .Concat(IssuedTokens(github))
            .Append(BotServer.Secret)
            .ToList();
        Assert.True(secrets.Count > 3, "the fake issued no installation token");
        Assert.Contains(_logs.Lines, l => l.Contains("dead-lettered: True", StringComparison.Ordinal));
        AssertCaptured();
        AssertNoneLeak(secrets, _logs.Lines, "log");
        AssertNoneLeak(secrets, await QueueFile.DeadLetterReasonsAsync(queue), "dead-letter reason");
        AssertNoneLeak(secrets, github.Requests.Where(r => r.IsWrite).Select(r => r.Body ?? string.Empty), "text posted to GitHub");
    }

    [Fact]
    public async Task A_GitLab_review_with_a_command_and_a_dead_letter_leaks_no_token_or_secret()
    {
        await using var gitlab = await FakeGitLabServer.StartAsync();
        var queue = _temp.Combine("gitlab.db");
        var project = gitlab.AddProject("acme/linux");
        project.SetAccessLevel("maint", 40);
        var mr = project.OpenMergeRequest(9, "net: acme: rx buffer", "jane",
            new Dictionary<string, string> { [SampleDriver.DriverPath] = SampleDriver.Base },
            [new FakeCommit(SampleDriver.AddMessage, "Jane Developer", "jane@example.org", new Dictionary<string, string?> { [SampleDriver.DriverPath] = SampleDriver.Buggy })]);
        var hooks = (BotServer b) => new Uri(b.Url, "api/gitlab/webhooks");
        var bot = await BotServer.StartGitLabAsync(gitlab.BaseUrl, gitlab.Options.BotToken, GitLabSecret, queue, Capture,
            "--Logging:LogLevel:Default=Debug", "--KernelPrBot:Queue:MaxAttempts=2", "--KernelPrBot:Http:BaseDelay=00:00:00.050");
        await using (bot)
        {
            Eventually.Diagnostics = () => string.Join("\n", gitlab.Requests.TakeLast(15));
            FakeStatus? Status() => project.Statuses(mr.HeadSha).FirstOrDefault(x => x.Name == "KernelPrBot");
            await DeliverAsync(hooks(bot), GitLabWebhooks.MergeRequest("open", project, mr, GitLabSecret));
            await Eventually.HoldsAsync(() => Status()?.State is "success" or "failed", "opened MR reviewed");

            var note = project.AddNote(9, "maint", "/kpb recheck");
            await DeliverAsync(hooks(bot), GitLabWebhooks.Note(project, 9, note, "maint", "/kpb recheck", GitLabSecret));
            await Eventually.HoldsAsync(() => project.AwardEmoji(note).Count > 0, "recheck answered");

            gitlab.Faults.Fail("GET", @"/merge_requests/\d+/commits$", 401, times: 100, body: """{"message":"401 Unauthorized"}""");
            project.Push(mr, new FakeCommit(SampleDriver.FixMessage, "Jane Developer", "jane@example.org", new Dictionary<string, string?> { [SampleDriver.DriverPath] = SampleDriver.Fixed }));
            await DeliverAsync(hooks(bot), GitLabWebhooks.MergeRequest("update", project, mr, GitLabSecret));
            await Eventually.HoldsAsync(() => _logs.Lines.Any(l => l.Contains("dead-lettered: True", StringComparison.Ordinal)), "job dead-lettered", seconds: 45);
        }

        string[] secrets = [gitlab.Options.BotToken, GitLabSecret];
        AssertCaptured();
        AssertNoneLeak(secrets, _logs.Lines, "log");
        AssertNoneLeak(secrets, await QueueFile.DeadLetterReasonsAsync(queue), "dead-letter reason");
        Assert.NotEmpty(await QueueFile.DeadLetterReasonsAsync(queue));
        AssertNoneLeak(secrets, gitlab.Requests.Where(r => r.IsWrite).Select(r => r.Body ?? string.Empty), "text posted to GitLab");
    }

    /// <summary>The capture saw Debug lines and a logged exception, so an empty result means something.</summary>
    [Fact]
    public async Task A_review_with_the_model_stage_failing_and_succeeding_leaks_no_model_key()
    {
        await using var github = await FakeGitHubServer.StartAsync();
        await using var model = await FakeModelServer.StartAsync();
        model.Enqueue(new ModelReply.Failure(401));
        model.Respond = ModelSample.Conversation;
        var settings = ModelSample.Settings(model, _temp.Combine("model-cache"), "--Logging:LogLevel:Default=Debug", "--KernelPrBot:Llm:MaxRetries=0");
        var bot = await BotServer.StartConfiguredAsync(github, Capture, _temp.Combine("model.db"), settings);
        await using (bot)
        {
            var first = new PullRequestScenario(github, changed: ModelSample.Driver);
            await DeliverAsync(bot.GitHubWebhooks, GitHubWebhooks.PullRequest("opened", first.Repo, first.Pr, BotServer.Secret));
            await Eventually.HoldsAsync(() => first.CheckCompleted(), "reviewed with the model failing");
            var second = new PullRequestScenario(github, number: 18, changed: ModelSample.Driver, name: "linux-2");
            await DeliverAsync(bot.GitHubWebhooks, GitHubWebhooks.PullRequest("opened", second.Repo, second.Pr, BotServer.Secret));
            await Eventually.HoldsAsync(() => second.CheckCompleted(), "reviewed with the model answering");
            Assert.Contains(second.Repo.ReviewComments(second.Number), c => c.Body.Contains("proposed by", StringComparison.Ordinal));
        }

        string[] secrets = [FakeModelServer.Key];
        Assert.Contains(_logs.Lines, l => l.StartsWith("Debug ", StringComparison.Ordinal));
        AssertNoneLeak(secrets, _logs.Lines, "log");
        AssertNoneLeak(secrets, github.Requests.Where(r => r.IsWrite).Select(r => r.Body ?? string.Empty), "text posted to GitHub");
        AssertNoneLeak(secrets, Directory.GetFiles(_temp.Combine("model-cache")).Select(File.ReadAllText), "model stage record");
    }

    private void AssertCaptured()
    {
        Assert.Contains(_logs.Lines, l => l.StartsWith("Debug ", StringComparison.Ordinal));
        Assert.Contains(_logs.Lines, l => l.Contains("   at ", StringComparison.Ordinal));
    }

    private async Task DeliverAsync(Uri url, WebhookDelivery delivery) =>
        Assert.Equal(HttpStatusCode.Accepted, (await GitHubWebhooks.PostAsync(_http, url, delivery)).StatusCode);

    private async Task DeliverAsync(Uri url, GitLabDelivery delivery) =>
        Assert.Equal(HttpStatusCode.Accepted, (await GitLabWebhooks.PostAsync(_http, url, delivery)).StatusCode);

    /// <summary>Each base64 line of the PEM body: any one of them in a log is a leaked key.</summary>
    private static IEnumerable<string> KeyLines(string pem) =>
        pem.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("-----", StringComparison.Ordinal) && l.Length >= 16);

    private static IEnumerable<string> IssuedTokens(FakeGitHubServer github) =>
        github.Requests.Where(r => r.Method == "POST" && AccessTokens().IsMatch(r.Path) && r.ResponseBody is not null)
            .Select(r => JsonDocument.Parse(r.ResponseBody!).RootElement.GetProperty("token").GetString()!);


    private static void AssertNoneLeak(IEnumerable<string> secrets, IEnumerable<string> texts, string where)
    {
        var all = texts.ToList();
        foreach (var secret in secrets)
        {
            var leak = all.FirstOrDefault(t => t.Contains(secret, StringComparison.Ordinal));
            Assert.True(leak is null, $"a secret ({secret[..4]}…) is in a {where}: {leak}");
        }
    }

    [GeneratedRegex(@"^/app/installations/\d+/access_tokens$")]
    private static partial Regex AccessTokens();
}

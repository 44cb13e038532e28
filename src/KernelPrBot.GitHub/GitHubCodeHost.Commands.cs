using KernelPrBot.GitHub.Api;
using KernelPrBot.Review.Model;
using Octokit;

namespace KernelPrBot.GitHub;

public sealed partial class GitHubCodeHost
{
    /// <summary>
    /// Reads <c>role_name</c>, not just <c>permission</c>: GitHub folds maintain into "write" and triage into
    /// "read" there, and recheck is open to triagers.
    /// </summary>
    public async Task<RepositoryPermission> GetPermissionAsync(Change change, string login, CancellationToken cancellationToken = default)
    {
        var client = await clients.ForRepositoryAsync(change.Repository, null, cancellationToken).ConfigureAwait(false);
        var (owner, name) = RepositoryName.Split(change.Repository);
        var uri = new Uri($"repos/{Uri.EscapeDataString(owner)}/{Uri.EscapeDataString(name)}/collaborators/{Uri.EscapeDataString(login)}/permission", UriKind.Relative);
        try
        {
            var response = await client.Connection.Get<PermissionBody>(uri, null).ConfigureAwait(false);
            return Parse(response.Body?.RoleName) is { } role && role != RepositoryPermission.None ? role : Parse(response.Body?.Permission) ?? RepositoryPermission.None;
        }
        catch (NotFoundException)
        {
            return RepositoryPermission.None;
        }
    }

    /// <summary>
    /// After the last attempt: a failed check run (or error status) on the head commit that says why. A run the job
    /// left in progress is completed as that failure. Showing it again is a no-op while the newest run is that failure:
    /// a report is repeated when a process died before it could note that the report was made, or when the answer
    /// to the create was lost.
    /// </summary>
    public async Task ReportFailureAsync(ReviewRequest request, string reason, CancellationToken cancellationToken = default)
    {
        var client = await clients.ForRepositoryAsync(request.Repository, request.InstallationId, cancellationToken).ConfigureAwait(false);
        var (owner, name) = RepositoryName.Split(request.Repository);
        var sha = request.HeadSha ?? (await client.PullRequest.Get(owner, name, request.Number).ConfigureAwait(false)).Head.Sha;
        var text = $"The review job failed on every attempt and was set aside. Last error: {Clip(reason, 2_000)}\n\nComment `/kpb recheck` to try again.";
        if (clients.UsesApp)
        {
            // The failed job's own run, left in progress, is the one to fail: a second run beside it would leave it spinning.
            var runs = await BotCheckRunsAsync(client, owner, name, sha, cancellationToken).ConfigureAwait(false);
            var failedId = $"{request.Number}:failed";
            if (runs.MaxBy(r => r.Id) is { } newest && newest.Status.StringValue == "completed" && newest.ExternalId == failedId)
            {
                return;
            }

            var unfinished = runs.Where(r => r.Status.StringValue != "completed").ToList();
            var output = new NewCheckRunOutput("KernelPrBot could not finish its review", text);
            NewCheckRunAction[] actions = [new NewCheckRunAction("Re-run", "Review this pull request again", RerunAction)];
            foreach (var run in unfinished)
            {
                await client.Check.Run.Update(owner, name, run.Id, new CheckRunUpdate
                {
                    Status = CheckStatus.Completed,
                    Conclusion = Octokit.CheckConclusion.Failure,
                    ExternalId = failedId,
                    Output = output,
                    Actions = actions,
                }).ConfigureAwait(false);
            }

            if (unfinished.Count == 0)
            {
                await client.Check.Run.Create(owner, name, new NewCheckRun(options.CheckName, sha)
                {
                    Status = CheckStatus.Completed,
                    Conclusion = Octokit.CheckConclusion.Failure,
                    ExternalId = failedId,
                    Output = output,
                    Actions = actions,
                }).ConfigureAwait(false);
            }
        }
        else
        {
            await client.Repository.Status.Create(owner, name, sha, new NewCommitStatus
            {
                State = CommitState.Error,
                Context = options.CheckName,
                Description = "KernelPrBot could not finish its review",
            }).ConfigureAwait(false);
        }
    }

    private static RepositoryPermission? Parse(string? value) => value switch
    {
        "admin" => RepositoryPermission.Admin,
        "maintain" => RepositoryPermission.Maintain,
        "write" or "push" => RepositoryPermission.Write,
        "triage" => RepositoryPermission.Triage,
        "read" or "pull" => RepositoryPermission.Read,
        "none" => RepositoryPermission.None,
        _ => null,
    };

    internal sealed class PermissionBody
    {
        public string? Permission { get; set; }

        public string? RoleName { get; set; }
    }
}

using KernelPrBot.Review.Model;

namespace KernelPrBot.GitLab;

public sealed partial class GitLabCodeHost
{
    /// <summary>
    /// GitLab access levels onto the bot's roles: Developer (30) may recheck (like GitHub's triage), Maintainer (40)
    /// may ignore (like write: those who merge), Owner (50) is admin. Reporters and guests read.
    /// </summary>
    public async Task<RepositoryPermission> GetPermissionAsync(Change change, string login, CancellationToken cancellationToken = default)
    {
        var members = await client.MembersAsync(ProjectOf(change), login, cancellationToken).ConfigureAwait(false);
        var member = members.FirstOrDefault(m => string.Equals(m.Username, login, StringComparison.OrdinalIgnoreCase));
        return member?.AccessLevel switch
        {
            >= 50 => RepositoryPermission.Admin,
            >= 40 => RepositoryPermission.Write,
            >= 30 => RepositoryPermission.Triage,
            >= 10 => RepositoryPermission.Read,
            _ => RepositoryPermission.None,
        };
    }

    /// <summary>After the last attempt: the merge request's commit status goes to failed, saying why.</summary>
    public async Task ReportFailureAsync(ReviewRequest request, string reason, CancellationToken cancellationToken = default)
    {
        var project = ProjectOf(request.Repository, request.RepositoryId);
        var sha = request.HeadSha ?? (await client.MergeRequestAsync(project, request.Number, cancellationToken).ConfigureAwait(false)).Sha;
        if (sha is null)
        {
            return;
        }

        var statuses = await client.StatusesAsync(project, sha, cancellationToken).ConfigureAwait(false);
        if (statuses.Where(s => s.Name == options.CheckName).MaxBy(s => s.Id)?.Status == "failed")
        {
            return;
        }

        await client.SetStatusAsync(project, sha, "failed", options.CheckName, Clip("KernelPrBot could not finish its review: " + reason, MaxDescription), null, cancellationToken).ConfigureAwait(false);
    }
}

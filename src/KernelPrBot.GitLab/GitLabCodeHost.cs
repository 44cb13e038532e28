using System.Text;
using KernelPrBot.GitLab.Api;
using KernelPrBot.Review;
using KernelPrBot.Review.Model;
using KernelPrBot.Review.Ports;

namespace KernelPrBot.GitLab;

/// <summary>
/// GitLab as the review job sees it, through the REST v4 client. A merge request's project is its numeric id
/// when the hook gave one, else its path. Reading the change is here; prior state and applying are in the other parts.
/// </summary>
public sealed partial class GitLabCodeHost(GitLabClient client, ReviewOptions options) : ICodeHost, IPermissionSource, IFailureReporter, ISupersededHeads
{
    private GitLabUser? _bot;

    public ForgeKind Forge => ForgeKind.GitLab;

    public async Task<Change> GetChangeAsync(ReviewRequest request, CancellationToken cancellationToken = default)
    {
        var project = ProjectOf(request.Repository, request.RepositoryId);
        var mr = await client.MergeRequestAsync(project, request.Number, cancellationToken).ConfigureAwait(false);
        var commits = await client.CommitsAsync(project, request.Number, cancellationToken).ConfigureAwait(false);
        var diffs = await client.DiffsAsync(project, request.Number, cancellationToken).ConfigureAwait(false);
        var versions = await client.VersionsAsync(project, request.Number, cancellationToken).ConfigureAwait(false);
        var latest = versions.Count > 0 ? versions[0] : null;
        // Positioned discussions must name the latest diff version's SHAs; the merge request's own fields are the fallback.
        var headSha = latest?.HeadCommitSha ?? mr.Sha ?? mr.DiffRefs?.HeadSha
            ?? throw new InvalidOperationException($"merge request !{request.Number} has no head commit yet");
        var baseSha = latest?.BaseCommitSha ?? mr.DiffRefs?.BaseSha
            ?? throw new InvalidOperationException($"merge request !{request.Number} has no diff yet (GitLab computes it asynchronously)");

        var limits = new List<string>();
        var files = new List<ChangedFile>();
        foreach (var d in diffs)
        {
            var omitted = d.TooLarge || d.Collapsed;
            if (omitted)
            {
                limits.Add($"{d.NewPath}: GitLab {(d.TooLarge ? "marks the diff too large" : "collapsed the diff")}; not checked");
            }

            files.Add(new ChangedFile(
                d.DeletedFile ? d.OldPath : d.NewPath,
                d.RenamedFile ? d.OldPath : null,
                d.NewFile ? ChangedFileStatus.Added : d.DeletedFile ? ChangedFileStatus.Removed : d.RenamedFile ? ChangedFileStatus.Renamed : ChangedFileStatus.Modified,
                omitted ? null : d.Diff ?? string.Empty));
        }

        return new Change
        {
            Forge = ForgeKind.GitLab,
            Repository = request.Repository,
            RepositoryId = request.RepositoryId ?? mr.ProjectId,
            Number = request.Number,
            Title = mr.Title,
            Author = mr.Author?.Username,
            BaseSha = baseSha,
            HeadSha = headSha,
            DiffStartSha = latest?.StartCommitSha ?? mr.DiffRefs?.StartSha,
            Labels = mr.Labels ?? [],
            HeadRepository = mr.SourceProjectId is { } source && source != mr.TargetProjectId ? $"project {source}" : null,
            IsOpen = mr.State == "opened",
            WebUrl = mr.WebUrl,

            // GitLab lists a merge request's commits newest first; the checks read a series oldest first.
            Commits = commits.AsEnumerable().Reverse().Select(c => new ChangeCommit(
                c.Id, c.AuthorName ?? string.Empty, c.AuthorEmail ?? string.Empty, c.AuthoredDate?.ToString("O", System.Globalization.CultureInfo.InvariantCulture), c.Message ?? string.Empty)).ToList(),
            Files = files,
            Limits = limits,
        };
    }

    public async Task<string?> GetFileTextAsync(Change change, string path, string sha, CancellationToken cancellationToken = default)
    {
        var bytes = await client.RawFileAsync(ProjectOf(change), path, sha, cancellationToken).ConfigureAwait(false);
        return bytes is null ? null : Encoding.UTF8.GetString(bytes);
    }

    private static string ProjectOf(string repository, long? id) => id is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : repository;

    private static string ProjectOf(Change change) => ProjectOf(change.Repository, change.RepositoryId);

    private async Task<GitLabUser> BotAsync(CancellationToken cancellationToken) =>
        _bot ??= await client.CurrentUserAsync(cancellationToken).ConfigureAwait(false);
}

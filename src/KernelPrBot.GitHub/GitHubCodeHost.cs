using System.Text;
using KernelPrBot.GitHub.Api;
using KernelPrBot.Review;
using KernelPrBot.Review.Model;
using KernelPrBot.Review.Ports;
using Octokit;

namespace KernelPrBot.GitHub;

/// <summary>
/// GitHub as the review job sees it, through Octokit. Reading the change is here; reading the bot's
/// earlier state and applying a plan are in the other parts of this class.
/// </summary>
public sealed partial class GitHubCodeHost(GitHubClients clients, ReviewOptions options) : ICodeHost, IPermissionSource, IFailureReporter, ISupersededHeads
{
    /// <summary>GitHub lists at most 250 commits and 3000 files of a pull request.</summary>
    public const int MaxCommits = 250;
    public const int MaxFiles = 3000;

    public ForgeKind Forge => ForgeKind.GitHub;

    public async Task<Change> GetChangeAsync(ReviewRequest request, CancellationToken cancellationToken = default)
    {
        var client = await clients.ForRepositoryAsync(request.Repository, request.InstallationId, cancellationToken).ConfigureAwait(false);
        var (owner, name) = RepositoryName.Split(request.Repository);
        var pr = await client.PullRequest.Get(owner, name, request.Number).ConfigureAwait(false);
        var commits = await client.PullRequest.Commits(owner, name, request.Number).ConfigureAwait(false);
        var files = await client.PullRequest.Files(owner, name, request.Number, new ApiOptions { PageSize = 100 }).ConfigureAwait(false);

        var limits = new List<string>();
        if (commits.Count >= MaxCommits)
        {
            limits.Add($"GitHub lists only the first {MaxCommits} commits of a pull request; later commit messages were not checked");
        }

        if (files.Count >= MaxFiles)
        {
            limits.Add($"GitHub lists only the first {MaxFiles} files of a pull request; the rest were not checked");
        }

        return new Change
        {
            Forge = ForgeKind.GitHub,
            Repository = request.Repository,
            RepositoryId = request.RepositoryId,
            Number = request.Number,
            Title = pr.Title ?? string.Empty,
            Author = pr.User?.Login,
            BaseSha = pr.Base.Sha,
            HeadSha = pr.Head.Sha,
            HeadRepository = pr.Head.Repository?.FullName,
            IsOpen = pr.State.StringValue == "open",
            WebUrl = pr.HtmlUrl,
            Commits = commits.Select(c => new ChangeCommit(
                c.Sha,
                c.Commit.Author?.Name ?? string.Empty,
                c.Commit.Author?.Email ?? string.Empty,
                c.Commit.Author?.Date.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                c.Commit.Message ?? string.Empty)).ToList(),
            Files = files.Select(f => new ChangedFile(f.FileName, f.PreviousFileName, StatusOf(f.Status), f.Patch)).ToList(),
            Limits = limits,
        };
    }

    public async Task<string?> GetFileTextAsync(Change change, string path, string sha, CancellationToken cancellationToken = default)
    {
        var client = await clients.ForRepositoryAsync(change.Repository, null, cancellationToken).ConfigureAwait(false);
        var (owner, name) = RepositoryName.Split(change.Repository);
        try
        {
            var bytes = await client.Repository.Content.GetRawContentByRef(owner, name, path, sha).ConfigureAwait(false);
            return Encoding.UTF8.GetString(bytes);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    private static ChangedFileStatus StatusOf(string? status) => status switch
    {
        "added" => ChangedFileStatus.Added,
        "removed" => ChangedFileStatus.Removed,
        "renamed" => ChangedFileStatus.Renamed,
        "copied" => ChangedFileStatus.Copied,
        _ => ChangedFileStatus.Modified,
    };
}

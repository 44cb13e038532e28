using KernelPrBot.Review.Model;
using KernelPrBot.Review.Planning;

namespace KernelPrBot.GitLab;

public sealed partial class GitLabCodeHost
{
    private const string StatusKeySeparator = " · ";

    public async Task<PriorBotState> GetPriorStateAsync(Change change, CancellationToken cancellationToken = default)
    {
        var project = ProjectOf(change);
        var bot = await BotAsync(cancellationToken).ConfigureAwait(false);
        var discussions = await client.DiscussionsAsync(project, change.Number, cancellationToken).ConfigureAwait(false);
        var inline = new List<PostedComment>();
        foreach (var discussion in discussions)
        {
            var first = discussion.Notes.Count > 0 ? discussion.Notes[0] : null;
            if (first?.Author?.Id == bot.Id && Markers.TryParseFinding(first.Body, out var fingerprint, out var resolved))
            {
                inline.Add(new PostedComment(first.Id, fingerprint, resolved, first.Position?.NewPath ?? string.Empty, first.Position?.NewLine, discussion.Id));
            }
        }

        var notes = await client.NotesAsync(project, change.Number, cancellationToken).ConfigureAwait(false);
        var ours = notes.Where(n => !n.System && n.Author?.Id == bot.Id).OrderBy(n => n.Id).ToList();
        var summary = ours.FirstOrDefault(n => Markers.IsSummary(n.Body));
        var replied = new HashSet<long>();
        foreach (var n in ours)
        {
            if (Markers.TryParseReply(n.Body, out var answered))
            {
                replied.Add(answered);
            }
        }

        var labels = change.Labels ?? (await client.MergeRequestAsync(project, change.Number, cancellationToken).ConfigureAwait(false)).Labels ?? [];
        var statuses = await client.StatusesAsync(project, change.HeadSha, cancellationToken).ConfigureAwait(false);
        var latest = statuses.Where(s => string.Equals(s.Name, options.CheckName, StringComparison.Ordinal)).MaxBy(s => s.Id);
        PostedCheckRun? check = null;
        if (latest?.Description is { } description && latest.Status is "success" or "failed")
        {
            var at = description.LastIndexOf(StatusKeySeparator, StringComparison.Ordinal);
            check = new PostedCheckRun(latest.Id, true, at < 0 ? null : description[(at + StatusKeySeparator.Length)..], new HashSet<string>());
        }

        return new PriorBotState
        {
            InlineComments = inline,
            Labels = labels,
            Summary = summary is null ? null : new PostedSummary(summary.Id, summary.Body),
            CheckRun = check,
            RepliedTo = replied,
        };
    }
}

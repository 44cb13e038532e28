using System.Text;
using KernelPrBot.Checks;
using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Rules;
using KernelPrBot.Review.Model;
using KernelPrBot.Review.Planning;
using KernelPrBot.Review.Ports;

namespace KernelPrBot.Review.Commands;

/// <summary>
/// Decides what a slash command does. Authorization asks the forge: recheck needs triage rights or authorship
/// of the pull request, ignore needs write rights (those who can merge), explain and help are open to all.
/// </summary>
public static class CommandResponder
{
    public static async Task<CommandAnswer> DecideAsync(
        ICodeHost host, Change change, ReviewRequest request, SlashCommand command, IReadOnlyList<IgnoreEntry> ignores, ModelStage.IModelReviewer? modelReviewer,
        CancellationToken cancellationToken)
    {
        var who = request.Requester ?? "someone";
        switch (command.Kind)
        {
            case SlashCommandKind.Help:
                return new CommandAnswer(false, HelpText(), CommandAnswer.Accepted, ignores);
            case SlashCommandKind.Invalid:
                return new CommandAnswer(false, $"@{who} {command.Problem}.\n\n{HelpText()}", CommandAnswer.Refused, ignores);
            case SlashCommandKind.Explain when command.RuleId == ModelStageExplanation.Topic:
                return new CommandAnswer(false, await ModelStageExplanation.RenderAsync(modelReviewer, change, cancellationToken).ConfigureAwait(false), CommandAnswer.Accepted, ignores);
            case SlashCommandKind.Explain:
                return Explain(who, command.RuleId!, ignores);
            case SlashCommandKind.Recheck:
                var isAuthor = request.Requester is not null && string.Equals(request.Requester, change.Author, StringComparison.OrdinalIgnoreCase);
                if (isAuthor || await PermissionAsync(host, change, request, cancellationToken).ConfigureAwait(false) >= RepositoryPermission.Triage)
                {
                    return new CommandAnswer(true, null, CommandAnswer.Accepted, ignores);
                }

                return Refuse(who, "`/kpb recheck` is for the pull request's author and the repository's collaborators", ignores);
            case SlashCommandKind.Ignore:
                if (RuleCatalog.Find(command.RuleId!) is null)
                {
                    return new CommandAnswer(false, $"@{who} {UnknownRule(command.RuleId!)}", CommandAnswer.Refused, ignores);
                }

                if (await PermissionAsync(host, change, request, cancellationToken).ConfigureAwait(false) < RepositoryPermission.Write)
                {
                    return Refuse(who, "`/kpb ignore` is for maintainers (write access to this repository)", ignores);
                }

                var updated = ignores.Where(i => !string.Equals(i.RuleId, command.RuleId, StringComparison.Ordinal))
                    .Append(new IgnoreEntry(command.RuleId!, command.Reason!, who)).OrderBy(i => i.RuleId, StringComparer.Ordinal).ToList();
                return new CommandAnswer(true, $"@{who} `{command.RuleId}` is ignored on this pull request from now on; the reason is recorded in the summary.",
                    CommandAnswer.Accepted, updated);
            default:
                throw new ArgumentOutOfRangeException(nameof(command), command.Kind, "unknown command kind");
        }
    }

    private static async Task<RepositoryPermission> PermissionAsync(ICodeHost host, Change change, ReviewRequest request, CancellationToken cancellationToken) =>
        host is IPermissionSource source && request.Requester is not null
            ? await source.GetPermissionAsync(change, request.Requester, cancellationToken).ConfigureAwait(false)
            : RepositoryPermission.None;

    private static CommandAnswer Refuse(string who, string rule, IReadOnlyList<IgnoreEntry> ignores) =>
        new(false, $"Sorry @{who}, {rule}. Nothing was changed; a maintainer can run it for you.", CommandAnswer.Refused, ignores);

    private static CommandAnswer Explain(string who, string ruleId, IReadOnlyList<IgnoreEntry> ignores)
    {
        var rule = RuleCatalog.Find(ruleId);
        if (rule is null)
        {
            return new CommandAnswer(false, $"@{who} {UnknownRule(ruleId)}", CommandAnswer.Refused, ignores);
        }

        var d = rule.Descriptor;
        var text = new StringBuilder();
        text.Append("### `").Append(d.Id).Append("`: ").AppendLine(d.Title);
        text.Append("Category **").Append(d.Category.ToString().ToLowerInvariant()).Append("**, default severity **")
            .Append(d.DefaultSeverity.ToString().ToLowerInvariant()).AppendLine("**.");
        text.AppendLine();
        text.AppendLine(d.HelpText);
        return new CommandAnswer(false, text.ToString(), CommandAnswer.Accepted, ignores);
    }

    private static string UnknownRule(string ruleId)
    {
        var safe = new string(ruleId.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').Take(60).ToArray());
        var near = RuleCatalog.Ids.MinBy(id => EditDistance.Compute(id, safe));
        return near is not null && EditDistance.Compute(near, safe) <= 3
            ? $"there is no rule `{safe}`; did you mean `{near}`? `/kpb help` lists the commands."
            : $"there is no rule `{safe}`. The rules are: {string.Join(", ", RuleCatalog.Ids.Select(i => $"`{i}`"))}.";
    }

    public static string HelpText() =>
        """
        **KernelPrBot commands** (write them at the start of a line of a comment):
        - `/kpb recheck`: review the pull request again (its author and collaborators)
        - `/kpb explain <rule>`: what a rule checks and why
        - `/kpb explain model`: the model stage's claims on this head, its tool calls and each verdict (when the stage is on)
        - `/kpb ignore <rule> <reason>`: stop counting a rule on this pull request (maintainers; recorded in the summary)
        - `/kpb help`: this list
        """;
}

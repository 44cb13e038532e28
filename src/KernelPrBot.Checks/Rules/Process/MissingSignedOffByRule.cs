using KernelPrBot.Checks.Kernel;

namespace KernelPrBot.Checks.Rules.Process;

/// <summary>A commit without Signed-off-by, or without the author's (checkpatch MISSING_SIGN_OFF, NO_AUTHOR_SIGN_OFF).</summary>
public sealed class MissingSignedOffByRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        RuleIds.MissingSignedOffBy,
        "Commit without the author's Signed-off-by",
        RuleCategory.Process,
        Severity.Error,
        "Every patch needs a Signed-off-by: from its author certifying the Developer Certificate of Origin " +
        "(Documentation/process/submitting-patches.rst). Only humans can sign off: a tool that helped goes into Assisted-by:.");

    public override void AnalyzeCommit(CommitContext context)
    {
        var commit = context.Commit;
        var signOffs = commit.TrailersNamed(SignatureTags.SignedOffBy).ToList();
        var where = commit.Trailers.Count > 0 ? commit.Trailers[^1].PatchLine
            : commit.MessageLines.Count > 0 ? commit.MessageLines[^1].PatchLine : commit.SubjectLine;
        var author = commit.Author;
        if (signOffs.Count == 0)
        {
            var add = author is null ? "Signed-off-by: Your Name <you@example.org>" : $"Signed-off-by: {author}";
            context.Report(where, $"no Signed-off-by: line; add '{add}' to certify the DCO", "no-sign-off",
                "Documentation/process/submitting-patches.rst, 'Sign your work'");
            return;
        }

        if (author is null)
        {
            return;
        }

        var byAuthor = signOffs.Select(t => t.Person).Any(p => p is not null && (p.SameAddress(author) || p.SameName(author)));
        if (!byAuthor)
        {
            context.Report(where, $"no Signed-off-by: from the patch author '{author}'; the author must sign off first",
                "no-author-sign-off:" + author.Email.ToLowerInvariant(), $"add 'Signed-off-by: {author}'");
        }
    }
}

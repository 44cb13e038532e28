using KernelPrBot.Checks.Kernel;
using KernelPrBot.Checks.Patches;

namespace KernelPrBot.Checks.Rules.Process;

/// <summary>
/// The sign-off chain: the author's sign-off matching From: by name and address, each Co-developed-by:
/// immediately followed by the same person's Signed-off-by:, the submitter's sign-off last, and
/// well-formed signature lines (checkpatch FROM_SIGN_OFF_MISMATCH and BAD_SIGN_OFF).
/// </summary>
public sealed class SignOffMismatchRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        RuleIds.SignOffMismatch,
        "Sign-off chain does not match the author, co-developers or submitter",
        RuleCategory.Process,
        Severity.Warning,
        "The author's Signed-off-by: must match the From: line; each Co-developed-by: must be immediately followed by " +
        "that person's Signed-off-by:; the last Signed-off-by: is the submitter's; signature lines are 'Tag: Name <address>' " +
        "with one space after the colon (Documentation/process/submitting-patches.rst).");

    public override void AnalyzeCommit(CommitContext context)
    {
        var commit = context.Commit;
        CheckAuthorMatch(context, commit);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var messageIndex = new Dictionary<int, int>();
        for (var i = 0; i < commit.MessageLines.Count; i++)
        {
            messageIndex.TryAdd(commit.MessageLines[i].PatchLine, i);
        }

        foreach (var trailer in commit.Trailers)
        {
            if (!IsSignatureLine(trailer))
            {
                continue;
            }

            CheckForm(context, trailer);
            var compact = new string(trailer.RawLine.Where(c => !char.IsWhiteSpace(c)).ToArray()).ToLowerInvariant();
            if (!seen.Add(compact))
            {
                context.Report(trailer.PatchLine, $"duplicate signature '{trailer.RawLine.Trim()}'", "duplicate:" + compact, "remove the repeated line");
            }

            if (trailer.Is(SignatureTags.CoDevelopedBy))
            {
                CheckCoDeveloper(context, commit, trailer, messageIndex);
            }
        }

        CheckSubmitterLast(context, commit);
    }

    private static bool IsSignatureLine(Trailer trailer) =>
        trailer.Key.EndsWith("-by", StringComparison.OrdinalIgnoreCase) ||
        SignatureTags.Standard.Contains(trailer.Key, StringComparer.OrdinalIgnoreCase);

    private static void CheckAuthorMatch(CommitContext context, CommitInfo commit)
    {
        if (commit.Author is not { } author)
        {
            return;
        }

        var signOffs = commit.TrailersNamed(SignatureTags.SignedOffBy).Where(t => t.Person is not null).ToList();
        if (signOffs.Count == 0 || signOffs.Any(t => t.Person!.SameAddress(author) && NamesAgree(t.Person!, author)))
        {
            return;
        }

        var partial = signOffs.FirstOrDefault(t => t.Person!.SameAddress(author) || t.Person!.SameName(author));
        if (partial is null)
        {
            return; // No sign-off by the author at all: missing-signed-off-by says so.
        }

        var what = partial.Person!.SameAddress(author) ? "name" : "address";
        context.Report(partial.PatchLine,
            $"From: '{author}' and 'Signed-off-by: {partial.Person}' differ in the {what}; the author's sign-off must match the From: line",
            $"author-{what}:{author.Email.ToLowerInvariant()}", $"use 'Signed-off-by: {author}' or fix the author with git commit --amend --author");
    }

    private static bool NamesAgree(Person signOff, Person author) =>
        author.Name.Length == 0 || signOff.SameName(author);

    private static void CheckForm(CommitContext context, Trailer trailer)
    {
        var standard = SignatureTags.StandardSpelling(trailer.Key);
        var raw = trailer.RawLine;
        if (standard is null)
        {
            var guess = SignatureTags.Standard.Take(7)
                .Select(s => (Tag: s, Distance: EditDistance.Compute(trailer.Key.ToLowerInvariant(), s.ToLowerInvariant())))
                .Where(x => x.Distance <= 2).OrderBy(x => x.Distance).Select(x => x.Tag).FirstOrDefault();
            context.Report(trailer.PatchLine,
                guess is null ? $"non-standard signature '{trailer.Key}:'" : $"non-standard signature '{trailer.Key}:'; did you mean '{guess}:'?",
                "nonstandard:" + raw.Trim(), "the tags are listed in Documentation/process/submitting-patches.rst");
            standard = guess ?? trailer.Key;
        }
        else if (!trailer.IsExactly(standard))
        {
            context.Report(trailer.PatchLine, $"write '{standard}:' exactly, not '{trailer.Key}:'", "case:" + raw.Trim());
        }

        if (raw.Length > 0 && char.IsWhiteSpace(raw[0]))
        {
            context.Report(trailer.PatchLine, $"whitespace before '{standard}:'; tags start at the beginning of the line", "indent:" + raw.Trim());
        }

        var afterColon = raw[(raw.IndexOf(':', StringComparison.Ordinal) + 1)..];
        if (!afterColon.StartsWith(' ') || afterColon.StartsWith("  ", StringComparison.Ordinal) || afterColon.StartsWith(" \t", StringComparison.Ordinal))
        {
            context.Report(trailer.PatchLine, $"use a single space after '{standard}:'", "spacing:" + raw.Trim());
        }

        if (trailer.Is(SignatureTags.AssistedBy))
        {
            return; // Assisted-by names a tool, not a person; ai-sign-off checks its form.
        }

        if (trailer.Person is null)
        {
            context.Report(trailer.PatchLine, $"'{trailer.Value}' is not a name and e-mail address; write '{standard}: Full Name <address>'",
                "address:" + raw.Trim());
        }
        else if (trailer.Person.Comment.Length > 0 && !trailer.Person.Comment.StartsWith('#') && !trailer.Person.Comment.StartsWith('('))
        {
            context.Report(trailer.PatchLine, $"unexpected text '{trailer.Person.Comment}' after the address; put comments in '# ...' or '(...)'",
                "comment:" + raw.Trim());
        }
    }

    private static void CheckCoDeveloper(CommitContext context, CommitInfo commit, Trailer trailer, Dictionary<int, int> messageIndex)
    {
        if (commit.Author is { } author && trailer.Person is { } coDeveloper && coDeveloper.SameAddress(author) && NamesAgree(coDeveloper, author))
        {
            context.Report(trailer.PatchLine, $"Co-developed-by: names the patch author '{author}'; it is for the other developers",
                "codev-author:" + author.Email.ToLowerInvariant(), "remove this line; the author's Signed-off-by: is enough");
        }

        var index = messageIndex.GetValueOrDefault(trailer.PatchLine, -1);
        var next = index >= 0 && index + 1 < commit.MessageLines.Count ? commit.MessageLines[index + 1].Text : null;
        const string Prefix = "Signed-off-by:";
        if (next is null || !next.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            context.Report(trailer.PatchLine, $"'{trailer.RawLine.Trim()}' must be immediately followed by the same person's Signed-off-by:",
                "codev-follow:" + trailer.Value, $"add 'Signed-off-by: {trailer.Value}' on the next line");
        }
        else if (!string.Equals(next[Prefix.Length..].Trim(), trailer.Value, StringComparison.Ordinal))
        {
            context.Report(trailer.PatchLine, $"Co-developed-by: '{trailer.Value}' is followed by a Signed-off-by: with another name or address ('{next[Prefix.Length..].Trim()}')",
                "codev-match:" + trailer.Value);
        }
    }

    private static void CheckSubmitterLast(CommitContext context, CommitInfo commit)
    {
        if (context.Options.Submitter is not { } submitter)
        {
            return;
        }

        var last = commit.TrailersNamed(SignatureTags.SignedOffBy).LastOrDefault();
        if (last?.Person is { } person && !person.SameAddress(submitter))
        {
            context.Report(last.PatchLine, $"the last Signed-off-by: is '{person}', but the patch is submitted by '{submitter}'; the submitter signs off last",
                "submitter:" + submitter.Email.ToLowerInvariant(), $"add 'Signed-off-by: {submitter}' at the end");
        }
    }
}

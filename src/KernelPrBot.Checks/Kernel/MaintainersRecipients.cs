namespace KernelPrBot.Checks.Kernel;

/// <summary>
/// Where to send a patch: maintainers (M:), reviewers (R:) and mailing lists (L:), deduplicated, in the order
/// get_maintainer.pl prints them (<see cref="All"/>), and the sections that matched.
/// </summary>
public sealed record MaintainersRecipients(
    IReadOnlyList<string> Maintainers,
    IReadOnlyList<string> Reviewers,
    IReadOnlyList<string> Lists,
    IReadOnlyList<string> People,
    IReadOnlyList<string> Sections)
{
    /// <summary>Maintainers and reviewers in section order, then the lists: what get_maintainer.pl prints.</summary>
    public IReadOnlyList<string> All => [.. People, .. Lists];

    /// <summary>A ready command line: maintainers in To, reviewers and lists in Cc.</summary>
    public string SendEmailCommand(string patches = "*.patch")
    {
        static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
        var to = Maintainers.Select(m => "--to=" + Quote(m));
        var cc = Reviewers.Concat(Lists).Select(c => "--cc=" + Quote(c));
        return string.Join(' ', to.Concat(cc).Prepend("git send-email").Append(patches));
    }
}

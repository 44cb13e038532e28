namespace KernelPrBot.Checks.Claims;

/// <summary>
/// A model's claims about one patch of a series, matched to it by commit id (a prefix of 7 or more hex digits) or,
/// for a plain diff, by subject. <see cref="Dropped"/> says which entries were not well-formed claims and why.
/// </summary>
public sealed record PatchAnswer(string? Commit, string? Subject, IReadOnlyList<ModelClaim> Claims, IReadOnlyList<string> Dropped, ClaimUsage Usage)
{
    public bool Matches(string? commitId, string? subject, bool onlyPatch)
    {
        if (Commit is { Length: >= 7 } id && commitId is not null)
        {
            return commitId.StartsWith(id, StringComparison.OrdinalIgnoreCase) || id.StartsWith(commitId, StringComparison.OrdinalIgnoreCase);
        }

        if (Subject is not null && subject is not null)
        {
            return string.Equals(Subject.Trim(), subject.Trim(), StringComparison.Ordinal);
        }

        // An answer that names no patch belongs to a series of one.
        return Commit is null && Subject is null && onlyPatch;
    }
}

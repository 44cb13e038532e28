namespace KernelPrBot.Checks.Kernel;

/// <summary>What the base tree's git history says about one abbreviated commit id.</summary>
public enum CommitLookupResult
{
    Found,
    Missing,
    Ambiguous,
}

/// <summary>One commit id as the base tree's history resolved it.</summary>
/// <param name="FullSha">The whole id when <see cref="Result"/> is <see cref="CommitLookupResult.Found"/>.</param>
/// <param name="Subject">The commit's subject line when found.</param>
public sealed record CommitLookup(CommitLookupResult Result, string? FullSha = null, string? Subject = null);

/// <summary>
/// The commits a series names in <c>Fixes:</c> tags, resolved by the host in the trusted tree's git history before the
/// analysis (as NIPA's verify_fixes does against Linus' tree), so the library checks them without running git.
/// Ids the host did not look up are unknown, not missing.
/// </summary>
public sealed class CommitHistory(string source, IReadOnlyDictionary<string, CommitLookup> lookups)
{
    /// <summary>Where the history came from, for messages ("the git history of /src/linux").</summary>
    public string Source { get; } = source;

    /// <summary>The lookup of an id as written (any case), or null when the host did not look it up.</summary>
    public CommitLookup? Find(string sha) =>
        lookups.TryGetValue(sha.ToLowerInvariant(), out var lookup) ? lookup : null;
}

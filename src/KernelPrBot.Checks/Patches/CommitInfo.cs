namespace KernelPrBot.Checks.Patches;

/// <summary>The commit metadata of one patch: author, subject (without its [PATCH] prefix), body and trailers.</summary>
public sealed record CommitInfo
{
    public string? Id { get; init; }

    public Person? Author { get; init; }

    public string? RawAuthor { get; init; }

    public string? Date { get; init; }

    public string Subject { get; init; } = string.Empty;

    public string RawSubject { get; init; } = string.Empty;

    public int SubjectLine { get; init; }

    public PatchTag? Tag { get; init; }

    /// <summary>All message lines after the subject, up to the <c>---</c> separator.</summary>
    public IReadOnlyList<MessageLine> MessageLines { get; init; } = [];

    /// <summary>The message without the subject and without the trailer block.</summary>
    public string Body { get; init; } = string.Empty;

    public IReadOnlyList<Trailer> Trailers { get; init; } = [];

    public IEnumerable<Trailer> TrailersNamed(string key) => Trailers.Where(t => t.Is(key));
}

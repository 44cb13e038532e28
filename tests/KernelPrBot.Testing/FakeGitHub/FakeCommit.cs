namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>A commit to apply on top of the previous tree: path → new content, <c>null</c> deletes the file.</summary>
public sealed record FakeCommit(string Message, string AuthorName, string AuthorEmail, IReadOnlyDictionary<string, string?> Changes);

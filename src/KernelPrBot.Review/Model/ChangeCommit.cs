namespace KernelPrBot.Review.Model;

/// <summary>One commit of a pull request, with its message as git stores it (subject, blank line, body, trailers).</summary>
public sealed record ChangeCommit(string Sha, string AuthorName, string AuthorEmail, string? Date, string Message);

namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>One request the fake answered. <see cref="Actor"/> is the login the credentials acted as, if any.</summary>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string Query,
    string? Body,
    int Status,
    DateTimeOffset Time,
    TimeSpan Duration,
    string? Actor,
    string? Accept,
    string? ResponseBody)
{
    /// <summary>The status of a request whose connection was reset instead of answered.</summary>
    public const int ResetStatus = 0;

    public bool IsWrite => Method is "POST" or "PATCH" or "PUT" or "DELETE";

    public override string ToString() => $"{Method} {Path}{Query} -> {Status}";
}

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
    public bool IsWrite => Method is "POST" or "PATCH" or "PUT" or "DELETE";

    public override string ToString() => $"{Method} {Path}{Query} -> {Status}";
}

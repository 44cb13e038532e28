using System.Net;

namespace KernelPrBot.GitLab.Api;

/// <summary>A GitLab answer other than success, with GitLab's own message (never the request's token).</summary>
public sealed class GitLabApiException : HttpRequestException
{
    public GitLabApiException(HttpStatusCode status, string method, string path, string message)
        : base($"GitLab {method} {path}: {(int)status} {message}", null, status)
    {
    }

    public GitLabApiException()
    {
    }

    public GitLabApiException(string message)
        : base(message)
    {
    }

    public GitLabApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

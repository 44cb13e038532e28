using System.Net;

namespace KernelPrBot.Hosting.Http;

/// <summary>
/// The forge refused the call for rate limiting (or asked for a longer wait than the pipeline will hold a
/// worker for). The job should be retried at <see cref="RetryAt"/>, not sooner.
/// </summary>
public sealed class ForgeRateLimitedException : HttpRequestException
{
    public ForgeRateLimitedException(DateTimeOffset retryAt, HttpStatusCode statusCode)
        : base($"The forge answered {(int)statusCode} and asks to wait until {retryAt:O}.", null, statusCode)
    {
        RetryAt = retryAt;
    }

    public ForgeRateLimitedException()
    {
    }

    public ForgeRateLimitedException(string message)
        : base(message)
    {
    }

    public ForgeRateLimitedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The earliest time the forge will accept the call again.</summary>
    public DateTimeOffset RetryAt { get; }
}

using KernelPrBot.Review.Ingress;
using KernelPrBot.Review.Model;

namespace KernelPrBot.Hosting.Server;

/// <summary>An ingress outcome as an HTTP status, the same for the server's endpoints and the Functions triggers.</summary>
public static class IngressHttp
{
    public static int StatusCode(IngressResult result, ForgeKind forge)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Outcome switch
        {
            IngressOutcome.Queued or IngressOutcome.Duplicate => 202,

            // GitLab's hook log shows 200 as plain success; GitHub's shows any 2xx alike.
            IngressOutcome.Ignored => forge == ForgeKind.GitLab ? 200 : 202,
            IngressOutcome.Unauthorized => 401,
            IngressOutcome.Malformed => 400,
            IngressOutcome.TooLarge => 413,
            IngressOutcome.Unavailable => 503,
            _ => throw new ArgumentOutOfRangeException(nameof(result), result.Outcome, "unknown ingress outcome"),
        };
    }
}

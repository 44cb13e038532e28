using KernelPrBot.Hosting.Server;
using KernelPrBot.Review.Ingress;
using KernelPrBot.Review.Model;
using Xunit;

namespace KernelPrBot.Hosting.Tests.Server;

/// <summary>Every ingress outcome has the status code the forges expect, the same on the server and in Functions.</summary>
public sealed class IngressHttpTests
{
    [Theory]
    [InlineData(IngressOutcome.Queued, ForgeKind.GitHub, 202)]
    [InlineData(IngressOutcome.Duplicate, ForgeKind.GitHub, 202)]
    [InlineData(IngressOutcome.Ignored, ForgeKind.GitHub, 202)]
    [InlineData(IngressOutcome.Ignored, ForgeKind.GitLab, 200)]
    [InlineData(IngressOutcome.Unauthorized, ForgeKind.GitLab, 401)]
    [InlineData(IngressOutcome.Malformed, ForgeKind.GitHub, 400)]
    [InlineData(IngressOutcome.TooLarge, ForgeKind.GitLab, 413)]
    [InlineData(IngressOutcome.Unavailable, ForgeKind.GitHub, 503)]
    public void Each_outcome_has_its_status(IngressOutcome outcome, ForgeKind forge, int status) =>
        Assert.Equal(status, IngressHttp.StatusCode(new IngressResult(outcome, "m"), forge));

    [Fact]
    public void Every_outcome_is_mapped()
    {
        foreach (var outcome in Enum.GetValues<IngressOutcome>())
        {
            Assert.InRange(IngressHttp.StatusCode(new IngressResult(outcome, "m"), ForgeKind.GitHub), 200, 599);
        }
    }
}

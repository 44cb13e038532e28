using System.Text;
using System.Text.Json.Nodes;
using KernelPrBot.GitHub.Webhooks;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.GitHub.Tests.Webhooks;

public sealed class GitHubSignatureTests
{
    [Fact]
    public void The_documented_test_vector_verifies()
    {
        var vector = JsonNode.Parse(File.ReadAllText(TestPaths.Fixture("github", "webhooks", "_signature-test-vector.json")))!;
        var payload = Encoding.UTF8.GetBytes((string)vector["payload"]!);
        var header = (string)vector["x_hub_signature_256"]!;

        Assert.Equal(header, GitHubSignature.Compute((string)vector["secret"]!, payload));
        Assert.True(GitHubSignature.IsValid(header, (string)vector["secret"]!, payload));
        Assert.False(GitHubSignature.IsValid(header, (string)vector["secret"]!, Encoding.UTF8.GetBytes("Hello, World?")));
        Assert.False(GitHubSignature.IsValid(header.ToUpperInvariant(), (string)vector["secret"]!, payload));
    }

    [Fact]
    public void Every_fixture_verifies_against_its_recorded_signature()
    {
        var recorded = JsonNode.Parse(File.ReadAllText(TestPaths.Fixture("github", "webhooks", "_signatures.computed.json")))!;
        var secret = (string)recorded["secret"]!;
        var checkedFiles = 0;
        foreach (var (file, value) in recorded["files"]!.AsObject())
        {
            var body = File.ReadAllBytes(TestPaths.Fixture("github", "webhooks", file));
            Assert.True(GitHubSignature.IsValid((string)value!["x_hub_signature_256"]!, secret, body), file);
            checkedFiles++;
        }

        Assert.True(checkedFiles >= 10, $"only {checkedFiles} signatures found");
    }
}

using System.Text.Json.Nodes;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Cli.Tests.Commands;

/// <summary><c>check --model-answers FILE</c>: recorded claims verified by the analysis, offline and reproducible.</summary>
public sealed class ModelAnswersOptionTests : IDisposable
{
    private const string Path = "drivers/net/ethernet/acme/acme_cfg.c";

    private const string Source = """
        // SPDX-License-Identifier: GPL-2.0
        #include <linux/mutex.h>

        struct acme_priv {
        	struct mutex cfg_lock;
        	unsigned int rx_len;
        };

        int acme_swap_cfg(struct acme_priv *priv, struct acme_priv *other)
        {
        	mutex_lock(&priv->cfg_lock);
        	priv->rx_len = other->rx_len;
        	mutex_unlock(&other->cfg_lock);
        	return 0;
        }
        """;

    private readonly TempDirectory _dir = new("cli-claims");

    public void Dispose() => _dir.Dispose();

    private string Write(string name, string content)
    {
        var path = System.IO.Path.Combine(_dir.Path, name);
        File.WriteAllText(path, content);
        return path;
    }

    private string Patch() => Write("0001.patch", new PatchBuilder().Subject("net: acme: swap configurations").SignedOffByAuthor().AddFile(Path, Source).Build());

    private static int LineOf(string text) => Array.FindIndex(Source.Split('\n'), l => l.Contains(text, StringComparison.Ordinal)) + 1;

    private string Answers() => Write("answers.json", $$"""
        {"model":"recorded-model","patches":[{"subject":"net: acme: swap configurations","claims":[
          {"file":"{{Path}}","line":{{LineOf("mutex_unlock(&other->cfg_lock);")}},"kind":"lock-not-released","confidence":0.9,"explanation":"unlocks the other lock"},
          {"file":"{{Path}}","line":{{LineOf("priv->rx_len = other->rx_len;")}},"kind":"other","confidence":0.3,"explanation":"other may be priv"},
          {"file":"{{Path}}","line":"nine","kind":"other","confidence":0.3,"explanation":"broken"}
        ]}]}
        """);

    [Fact]
    public void Reports_the_confirmed_claim_as_a_finding_and_lists_every_verdict()
    {
        var run = CliRun.Of(["check", "--model-answers", Answers(), Patch()]);

        Assert.Equal(1, run.Exit);
        Assert.Contains($"{Path}:{LineOf("mutex_unlock(&other->cfg_lock);")}: error: mutex_unlock(&other->cfg_lock) releases a lock no path holds here", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("(proposed by recorded-model; confirmed by the analysis) [lock-not-released]", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"claim: {Path}:{LineOf("priv->rx_len = other->rx_len;")}: other by recorded-model: not checkable", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("claim dropped: net: acme: swap configurations: claim 3: no line", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_output_gives_each_claims_verdict_and_evidence()
    {
        var run = CliRun.Of(["check", "--format", "json", "--model-answers", Answers(), Patch()]);

        var json = JsonNode.Parse(run.Stdout)!;
        var claims = json["claims"]!.AsArray();
        Assert.Equal(2, claims.Count);
        Assert.Equal("confirmed", (string?)claims[0]!["verdict"]);
        Assert.Equal("lock-not-released", (string?)claims[0]!["rule"]);
        Assert.Contains("stays held", (string?)claims[0]!["evidence"] ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal("not checkable", (string?)claims[1]!["verdict"]);
        Assert.Single(json["droppedClaims"]!.AsArray());
    }

    [Fact]
    public void Without_the_option_the_output_is_the_rules_alone()
    {
        var run = CliRun.Of(["check", Patch()]);

        Assert.Equal(0, run.Exit);
        Assert.DoesNotContain("claim", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing", "no such file")]
    [InlineData("{\"model\":\"m\"", "not valid JSON")]
    [InlineData("{\"patches\":[]}", "do not name the model")]
    public void A_bad_answers_file_is_a_usage_error_in_one_line(string content, string message)
    {
        var path = content == "missing" ? System.IO.Path.Combine(_dir.Path, "missing.json") : Write("bad.json", content);

        var run = CliRun.Of(["check", "--model-answers", path, Patch()]);

        Assert.Equal(2, run.Exit);
        Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
        Assert.Single(run.Stderr.Trim().Split('\n'));
    }
}

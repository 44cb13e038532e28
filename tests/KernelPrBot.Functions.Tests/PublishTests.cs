using System.Diagnostics;
using System.Text.Json.Nodes;
using KernelPrBot.Hosting.Settings;
using KernelPrBot.Testing;
using Xunit;
using Xunit.Abstractions;

namespace KernelPrBot.Functions.Tests;

/// <summary>
/// What the Functions host will read from a deployment: one <c>dotnet publish</c> (the slow part, done once), then
/// functions.metadata's triggers and bindings and the shipped host.json.
/// </summary>
public sealed class PublishTests(ITestOutputHelper output)
{
    private static readonly string HostJsonPath = TestPaths.InRepo("host.json");

    [Fact]
    public void Host_json_retries_as_often_as_the_worker_counts_attempts()
    {
        var host = JsonNode.Parse(File.ReadAllText(HostJsonPath))!;
        var queues = host["extensions"]!["queues"]!;

        Assert.Equal("2.0", (string?)host["version"]);
        Assert.Equal(new QueueSettings().MaxAttempts, (int)queues["maxDequeueCount"]!);
        Assert.Equal("base64", (string?)queues["messageEncoding"]);
        Assert.InRange((int)queues["batchSize"]!, 1, 32);
        Assert.NotNull(host["functionTimeout"]);
    }

    [Fact]
    public async Task Published_app_lists_both_functions_with_their_bindings_and_ships_host_json()
    {
        using var temp = new TempDirectory("functions-publish");
        var outputDir = temp.Path;
        var clock = Stopwatch.StartNew();
        var (code, log) = await RunAsync(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
            "publish", TestPaths.InRepo("functions", "KernelPrBot.Functions", "KernelPrBot.Functions.csproj"), "-c", "Release", "-o", outputDir, "--nologo");
        output.WriteLine($"dotnet publish -c Release: {clock.Elapsed.TotalSeconds:F0} s");
        Assert.True(code == 0, "dotnet publish failed:\n" + log);

        var functions = JsonNode.Parse(File.ReadAllText(Path.Combine(outputDir, "functions.metadata")))!.AsArray();
        Assert.Equal(["GitHubWebhook", "GitLabWebhook", "ReviewWorker"], functions.Select(f => (string)f!["name"]!).Order());

        var http = Trigger(functions, "GitHubWebhook");
        Assert.Equal("httpTrigger", (string?)http["type"]);
        Assert.Equal("github/webhooks", (string?)http["route"]);
        Assert.Equal(["post"], http["methods"]!.AsArray().Select(m => ((string)m!).ToLowerInvariant()));
        Assert.Equal("anonymous", ((string?)http["authLevel"])?.ToLowerInvariant());

        var gitlab = Trigger(functions, "GitLabWebhook");
        Assert.Equal("gitlab/webhooks", (string?)gitlab["route"]);
        Assert.Equal("anonymous", ((string?)gitlab["authLevel"])?.ToLowerInvariant());

        var queue = Trigger(functions, "ReviewWorker");
        Assert.Equal("queueTrigger", (string?)queue["type"]);
        Assert.Equal("review-requests", (string?)queue["queueName"]);
        Assert.Equal("AzureWebJobsStorage", (string?)queue["connection"]);

        Assert.Equal(File.ReadAllText(HostJsonPath), File.ReadAllText(Path.Combine(outputDir, "host.json")));
        Assert.True(File.Exists(Path.Combine(outputDir, "worker.config.json")), "worker.config.json tells the host how to start the worker");
        Assert.True(File.Exists(Path.Combine(outputDir, "KernelPrBot.Functions.dll")));
        Assert.False(File.Exists(Path.Combine(outputDir, "local.settings.json")), "local settings never ship");
    }

    private static JsonNode Trigger(JsonArray functions, string name) =>
        functions.Single(f => (string?)f!["name"] == name)!["bindings"]!.AsArray()
            .Single(b => ((string?)b!["type"])?.EndsWith("Trigger", StringComparison.Ordinal) == true)!;

    private static async Task<(int Code, string Log)> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var child = ChildProcess.Start(start); // killed on the way out, should the wait time out
        var process = child.Process;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(10));
        return (process.ExitCode, await stdout + await stderr);
    }
}

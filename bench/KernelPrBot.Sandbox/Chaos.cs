namespace KernelPrBot.Sandbox;

/// <summary>
/// <c>chaos</c>: a <see cref="ChaosRun"/> on the fake GitHub, the fake GitLab or both, each printing its table. The
/// queue files and the bot logs stay in a kpb-chaos-* directory under the temp folder, for reading afterwards.
/// </summary>
internal static class Chaos
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var options = ChaosOptions.Parse(args);
        var holds = true;
        var directory = Directory.CreateTempSubdirectory("kpb-chaos-").FullName;
        foreach (var forge in options.Forge == "both" ? ["github", "gitlab"] : new[] { options.Forge })
        {
            await using IChaosForge fake = forge == "github" ? await GitHubChaos.StartAsync() : await GitLabChaos.StartAsync();
            var report = await ChaosRun.RunAsync(fake, options, directory, output);
            report.Print(output);
            holds &= report.Holds;
        }

        return holds ? 0 : 1;
    }
}

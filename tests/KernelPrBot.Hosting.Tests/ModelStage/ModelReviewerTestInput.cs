using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Source;
using KernelPrBot.Review.Analysis;
using KernelPrBot.Review.Jobs;
using KernelPrBot.Review.Model;
using KernelPrBot.Review.ModelStage;
using KernelPrBot.Testing;
using KernelPrBot.Testing.FakeGitHub;
using KernelPrBot.Testing.FakeModel;

namespace KernelPrBot.Hosting.Tests.ModelStage;

/// <summary>A pull request as the job gives it to the model stage: one commit, its diff as one patch, the patched file.</summary>
internal static class ModelReviewerTestInput
{
    public static ModelStageInput Create()
    {
        var change = new Change
        {
            Forge = ForgeKind.GitHub,
            Repository = "acme/linux",
            Number = 3,
            Title = "net: acme: rx buffer",
            BaseSha = new string('a', 40),
            HeadSha = new string('b', 40),
            Commits = [new ChangeCommit(new string('b', 40), "Jane Developer", "jane@example.org", "2026-12-01T00:00:00Z", SampleDriver.AddMessage)],
        };
        var diff = PatchBuilder.Diff(SampleDriver.DriverPath, SampleDriver.Base, ModelSample.Driver);
        var parsed = PatchParser.Parse(diff, ChangeSeries.DiffSource);
        var series = new PatchSeries([new Patch(ChangeSeries.DiffSource, 1, null, parsed.Patches.SelectMany(p => p.Files).ToList())], []);
        var images = new Dictionary<(int, string), FileImages> { [(0, SampleDriver.DriverPath)] = new(SampleDriver.Base.Split('\n'), ModelSample.Driver.Split('\n')) };
        return new ModelStageInput(change, series, images, new ReviewEnvironment());
    }
}

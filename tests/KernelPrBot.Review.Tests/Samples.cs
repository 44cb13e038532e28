using KernelPrBot.Review.Model;
using KernelPrBot.Testing;
using KernelPrBot.Testing.FakeGitHub;

namespace KernelPrBot.Review.Tests;

/// <summary>A small pull request with a real context bug (GFP_KERNEL under a spinlock) and its fix.</summary>
internal static class Samples
{
    public const string Path = SampleDriver.DriverPath;

    public const string Base = SampleDriver.Base;

    public static readonly string Buggy = SampleDriver.Buggy;

    public static readonly string Fixed = SampleDriver.Fixed;

    public const string SignedMessage = SampleDriver.AddMessage;

    /// <summary>The hunks GitHub's files API gives for a file: the unified diff without its file headers.</summary>
    public static string Hunks(string path, string? before, string? after)
    {
        var diff = PatchBuilder.Diff(path, before, after);
        return diff[diff.IndexOf("@@", StringComparison.Ordinal)..];
    }

    public static Change Change(string after, string message = SignedMessage, string head = "head1", int number = 7) => new()
    {
        Forge = ForgeKind.GitHub,
        Repository = "acme/linux",
        Number = number,
        Author = "jane",
        BaseSha = "base0",
        HeadSha = head,
        Commits = [new ChangeCommit(head, "Jane Developer", "jane@example.org", null, message)],
        Files = [new ChangedFile(Path, null, ChangedFileStatus.Modified, Hunks(Path, Base, after))],
    };
}

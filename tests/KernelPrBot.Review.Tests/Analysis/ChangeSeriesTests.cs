using KernelPrBot.Checks.Patches;
using KernelPrBot.Review.Analysis;
using KernelPrBot.Review.Model;
using Xunit;

namespace KernelPrBot.Review.Tests.Analysis;

public sealed class ChangeSeriesTests
{
    [Fact]
    public void Commits_become_message_patches_and_files_one_diff()
    {
        var change = Samples.Change(Samples.Buggy) with
        {
            Commits =
            [
                new ChangeCommit("a1", "Jane Developer", "jane@example.org", null, Samples.SignedMessage),
                new ChangeCommit("b2", "Jane Developer", "jane@example.org", null, "net: acme: no sign-off\n\nBody.\n"),
            ],
        };

        var built = ChangeSeries.Build(change);

        Assert.Equal(3, built.Series.Patches.Count);
        Assert.Equal("net: acme: allocate the rx buffer on fill", built.Series.Patches[0].Commit!.Subject);
        Assert.Single(built.Series.Patches[0].Commit!.TrailersNamed("Signed-off-by"));
        Assert.Empty(built.Series.Patches[1].Commit!.TrailersNamed("Signed-off-by"));
        Assert.Equal(2, built.DiffPatchIndex);
        var file = Assert.Single(built.Series.Patches[2].Files);
        Assert.Equal(Samples.Path, file.Path);
        Assert.Contains(file.AddedLines, l => l.Text.Contains("kmalloc", StringComparison.Ordinal));
        Assert.False(built.Series.HasErrors);
    }

    [Fact]
    public void Added_removed_renamed_and_spaced_paths_keep_their_kind_and_name()
    {
        var change = Samples.Change(Samples.Buggy) with
        {
            Files =
            [
                new ChangedFile("drivers/new file.c", null, ChangedFileStatus.Added, Samples.Hunks("x", null, "int a;\n")),
                new ChangedFile("drivers/gone.c", null, ChangedFileStatus.Removed, "@@ -1 +0,0 @@\n-int b;"),
                new ChangedFile("drivers/to.c", "drivers/from.c", ChangedFileStatus.Renamed, ""),
            ],
        };

        var files = ChangeSeries.Build(change).Series.Patches[^1].Files;

        Assert.Equal(["drivers/new file.c", "drivers/gone.c", "drivers/to.c"], files.Select(f => f.Path));
        Assert.Equal(FileChangeKind.Added, files[0].Kind);
        Assert.Null(files[1].NewPath);
        Assert.Equal("drivers/from.c", files[2].OldPath);
    }

    [Fact]
    public void Files_without_a_diff_or_with_control_characters_are_noted_not_parsed()
    {
        var change = Samples.Change(Samples.Buggy) with
        {
            Files =
            [
                new ChangedFile("firmware/blob.bin", null, ChangedFileStatus.Added, null),
                new ChangedFile("evil\ndiff --git a/x b/x", null, ChangedFileStatus.Added, "@@ -0,0 +1 @@\n+x"),
            ],
        };

        var built = ChangeSeries.Build(change);

        Assert.Equal(2, built.Skipped.Count);
        Assert.Equal(-1, built.DiffPatchIndex);
        Assert.DoesNotContain('\n', built.Skipped[1]);
    }

    [Fact]
    public void A_hostile_commit_message_stays_a_message()
    {
        var message = "subject\n\nFrom: Mallory <m@example.org>\ndiff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n";
        var change = Samples.Change(Samples.Buggy, message);

        var built = ChangeSeries.Build(change);

        Assert.Empty(built.Series.Patches[0].Files);
        Assert.Equal("subject", built.Series.Patches[0].Commit!.Subject);
    }
}

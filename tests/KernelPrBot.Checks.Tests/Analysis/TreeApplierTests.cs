using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Checks.Tests.Analysis;

public sealed class TreeApplierTests : IDisposable
{
    private readonly TempDirectory _tree = new("tree");

    public void Dispose() => _tree.Dispose();

    private void Write(string path, string content)
    {
        var full = Path.Combine(_tree.Path, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    [Fact]
    public void Produces_pre_and_post_images_and_follows_a_series()
    {
        var old = string.Join('\n', Enumerable.Range(1, 40).Select(i => $"line {i}")) + "\n";
        Write("drivers/a.c", old);
        var mid = old.Replace("line 20\n", "line 20\nadded 1\n", StringComparison.Ordinal);
        var end = mid.Replace("line 5\n", "line five\n", StringComparison.Ordinal);
        var series = PatchParser.Parse(
            new PatchBuilder().SignedOffByAuthor().ModifyFile("drivers/a.c", old, mid).Build() + "\n" +
            new PatchBuilder().SignedOffByAuthor().ModifyFile("drivers/a.c", mid, end).Build(), "s.mbox");
        var diagnostics = new List<PatchDiagnostic>();
        var images = TreeApplier.Apply(series, _tree.Path, diagnostics);
        Assert.Empty(diagnostics);
        Assert.Equal(old.TrimEnd('\n').Split('\n'), images[(0, "drivers/a.c")].Before);
        Assert.Equal(mid.TrimEnd('\n').Split('\n'), images[(0, "drivers/a.c")].After);
        Assert.Equal(end.TrimEnd('\n').Split('\n'), images[(1, "drivers/a.c")].After);
    }

    [Fact]
    public void Finds_a_hunk_at_an_offset_like_patch_does()
    {
        Write("a.c", "x\ny\nz\n" + string.Join('\n', Enumerable.Range(1, 10).Select(i => $"l{i}")) + "\n");
        var diff = "--- a/a.c\n+++ b/a.c\n@@ -4,3 +4,4 @@\n l4\n+new\n l5\n l6\n";
        var images = TreeApplier.Apply(PatchParser.Parse(diff, "d"), _tree.Path, []);
        Assert.Equal(["x", "y", "z", "l1", "l2", "l3", "l4", "new", "l5", "l6", "l7", "l8", "l9", "l10"], images[(0, "a.c")].After!);
    }

    [Fact]
    public void A_hunk_that_does_not_fit_falls_back_to_the_diff_with_a_warning()
    {
        Write("a.c", "completely\ndifferent\n");
        var diagnostics = new List<PatchDiagnostic>();
        var images = TreeApplier.Apply(PatchParser.Parse("--- a/a.c\n+++ b/a.c\n@@ -1,2 +1,3 @@\n p\n+q\n r\n", "d"), _tree.Path, diagnostics);
        Assert.Empty(images);
        Assert.Contains("does not apply", Assert.Single(diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Directory_links_out_of_the_tree_are_not_followed()
    {
        using var outside = new TempDirectory("outside");
        File.WriteAllText(outside.Combine("secret.c"), "secret\n");
        Directory.CreateSymbolicLink(Path.Combine(_tree.Path, "drivers"), outside.Path);
        var diagnostics = new List<PatchDiagnostic>();
        var images = TreeApplier.Apply(PatchParser.Parse("--- a/drivers/secret.c\n+++ b/drivers/secret.c\n@@ -1 +1 @@\n-secret\n+x\n", "d"), _tree.Path + "/", diagnostics);
        Assert.Empty(images);
        Assert.Contains("drivers in the tree is a link", Assert.Single(diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Symlinks_out_of_the_tree_are_not_followed()
    {
        using var outside = new TempDirectory("secret");
        File.WriteAllText(outside.Combine("secret.c"), "secret\n");
        File.CreateSymbolicLink(Path.Combine(_tree.Path, "link.c"), outside.Combine("secret.c"));
        var diagnostics = new List<PatchDiagnostic>();
        var images = TreeApplier.Apply(PatchParser.Parse("--- a/link.c\n+++ b/link.c\n@@ -1 +1 @@\n-secret\n+x\n", "d"), _tree.Path, diagnostics);
        Assert.Empty(images);
        Assert.Contains("is a link", Assert.Single(diagnostics).Message, StringComparison.Ordinal);
    }
}

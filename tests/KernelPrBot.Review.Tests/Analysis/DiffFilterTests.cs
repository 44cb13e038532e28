using KernelPrBot.Checks.Patches;
using KernelPrBot.Review.Analysis;
using Xunit;

namespace KernelPrBot.Review.Tests.Analysis;

public sealed class DiffFilterTests
{
    private static DiffFilter Filter()
    {
        var built = ChangeSeries.Build(Samples.Change(Samples.Buggy));
        return new DiffFilter(built.Series.Patches[built.DiffPatchIndex].Files);
    }

    private static int LineOf(string text) => Array.FindIndex(PatchText.SplitLines(Samples.Buggy), l => l.Contains(text, StringComparison.Ordinal)) + 1;

    [Fact]
    public void Added_scope_takes_only_added_lines()
    {
        var filter = Filter();

        Assert.Equal(LineOf("kmalloc"), filter.Placement(Samples.Path, LineOf("kmalloc"), CommentScope.Added));
        Assert.Null(filter.Placement(Samples.Path, LineOf("return 0;"), CommentScope.Added));
        Assert.Null(filter.Placement("other.c", 1, CommentScope.Added));
    }

    [Fact]
    public void Context_scope_takes_context_lines_and_file_scope_falls_back_to_the_file()
    {
        var filter = Filter();
        var context = LineOf("return 0;");

        Assert.Equal(context, filter.Placement(Samples.Path, context, CommentScope.DiffContext));
        Assert.Null(filter.Placement(Samples.Path, 1, CommentScope.DiffContext));
        Assert.Equal(0, filter.Placement(Samples.Path, 1, CommentScope.File));
        Assert.Null(filter.Placement("other.c", 1, CommentScope.File));
    }

    [Fact]
    public void Context_lines_know_their_old_side_number_and_added_lines_have_none()
    {
        var filter = Filter();
        var context = LineOf("return 0;");

        Assert.Equal(context, filter.ContextOldLine(Samples.Path, context));
        Assert.Null(filter.ContextOldLine(Samples.Path, LineOf("kmalloc")));
    }
}

using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Cli.Tests.Commands;

public sealed class CheckpatchOptionTests : IDisposable
{
    private readonly TempDirectory _dir = new("cli-cp");

    public void Dispose() => _dir.Dispose();

    [KernelTreeFact]
    public void Check_with_the_kernel_tree_reports_checkpatch_types_on_added_lines()
    {
        var tree = KernelTree.Path!;
        var index = Path.Combine(_dir.Path, "empty.idx");
        using (var stream = File.Create(index))
        {
            new KernelPrBot.Checks.Index.SymbolIndexBuilder().Write(stream);
        }

        var patch = Path.Combine(_dir.Path, "a.patch");
        File.WriteAllText(patch, new PatchBuilder().SignedOffByAuthor()
            .AddFile("drivers/misc/acme.c", "// SPDX-License-Identifier: GPL-2.0\nstatic int acme_value = 1 ;\n")
            .Build());
        var run = CliRun.Of(["check", "--tree", tree, "--index", index, "--fail-on", "never", patch]);
        Assert.Contains("drivers/misc/acme.c:2: warning: checkpatch WARNING SPACING: space prohibited before semicolon [checkpatch]", run.Stdout, StringComparison.Ordinal);
    }
}

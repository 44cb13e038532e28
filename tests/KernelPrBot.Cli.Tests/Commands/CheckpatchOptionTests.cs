using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Cli.Tests.Commands;

public sealed class CheckpatchOptionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kpb-cli-cp-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [KernelTreeFact]
    public void Check_with_the_kernel_tree_reports_checkpatch_types_on_added_lines()
    {
        var tree = KernelTree.Path!;
        var index = Path.Combine(_dir, "empty.idx");
        using (var stream = File.Create(index))
        {
            new KernelPrBot.Checks.Index.SymbolIndexBuilder().Write(stream);
        }

        var patch = Path.Combine(_dir, "a.patch");
        File.WriteAllText(patch, new PatchBuilder().SignedOffByAuthor()
            .AddFile("drivers/misc/acme.c", "// SPDX-License-Identifier: GPL-2.0\nstatic int acme_value = 1 ;\n")
            .Build());
        var run = CliRun.Of(["check", "--tree", tree, "--index", index, "--fail-on", "never", patch]);
        Assert.Contains("drivers/misc/acme.c:2: warning: checkpatch WARNING SPACING: space prohibited before semicolon [checkpatch]", run.Stdout, StringComparison.Ordinal);
    }
}

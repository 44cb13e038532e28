using KernelPrBot.Checks.Patches;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Checks.Tests.Patches;

/// <summary>The real kernel patches of tests/fixtures/kernel-patches (quilt form: no diff --git / index lines).</summary>
public sealed class FixturePatchTests
{
    private static PatchSeries Load(string name)
    {
        var series = PatchParser.Parse(File.ReadAllBytes(TestPaths.Fixture("kernel-patches", name)), name);
        Assert.Empty(series.Diagnostics);
        return series;
    }

    [Fact]
    public void Reads_igc_unlock_patch_metadata_trailers_and_hunk()
    {
        var patch = Assert.Single(Load("725-igc-Unlock-on-error-in-igc_io_resume.patch").Patches);
        var commit = patch.Commit!;
        Assert.Equal("25be4eaa7c01153ae123d76f138a4e0c7c60f272", commit.Id);
        Assert.Equal(new Person("Dan Carpenter", "dan.carpenter@linaro.org"), commit.Author);
        Assert.Equal("Thu, 29 Aug 2024 22:22:45 +0300", commit.Date);
        Assert.Equal("igc: Unlock on error in igc_io_resume()", commit.Subject);
        Assert.Equal("[PATCH] igc: Unlock on error in igc_io_resume()", commit.RawSubject);
        Assert.Equal("Call rtnl_unlock() on this error path, before returning.", commit.Body);
        Assert.Equal(
            [
                ("Fixes", "bc23aa949aeb (\"igc: Add pcie error handler support\")", 8),
                ("Signed-off-by", "Dan Carpenter <dan.carpenter@linaro.org>", 9),
                ("Reviewed-by", "Gerhard Engleder <gerhard@engleder-embedded.com>", 10),
                ("Signed-off-by", "David S. Miller <davem@davemloft.net>", 11),
            ],
            commit.Trailers.Select(t => (t.Key, t.Value, t.PatchLine)));

        var file = Assert.Single(patch.Files);
        Assert.Equal("drivers/net/ethernet/intel/igc/igc_main.c", file.OldPath);
        Assert.Equal("drivers/net/ethernet/intel/igc/igc_main.c", file.NewPath);
        Assert.Equal(FileChangeKind.Modified, file.Kind);
        var hunk = Assert.Single(file.Hunks);
        Assert.Equal((7288, 6, 7288, 7), (hunk.OldStart, hunk.OldCount, hunk.NewStart, hunk.NewCount));
        Assert.Equal("static void igc_io_resume(struct pci_dev", hunk.Section);
        var added = Assert.Single(hunk.AddedLines);
        Assert.Equal(("\t\t\trtnl_unlock();", 7291, 22), (added.Text, added.NewLine, added.PatchLine));
        Assert.Equal(7, hunk.Lines.Count);
        Assert.Equal(7294, hunk.Lines[^1].NewLine);
        Assert.Equal(7293, hunk.Lines[^1].OldLine);
    }

    [Fact]
    public void Reads_smp_patch_with_two_files_and_cc_trailers()
    {
        var patch = Assert.Single(Load("0080-v6.9-smp-Avoid-setup_max_cpus_namespace_collision_shadowing.patch").Patches);
        var commit = patch.Commit!;
        Assert.Equal("smp: Avoid 'setup_max_cpus' namespace collision/shadowing", commit.Subject);
        Assert.Equal(new Person("Ingo Molnar", "mingo@kernel.org"), commit.Author);
        Assert.StartsWith("bringup_nonboot_cpus() gets passed", commit.Body, StringComparison.Ordinal);
        Assert.EndsWith("name for the function parameter name.", commit.Body, StringComparison.Ordinal);
        Assert.Equal(
            [("Signed-off-by", "Ingo Molnar <mingo@kernel.org>"), ("Cc", "Thomas Gleixner <tglx@linutronix.de>"), ("Cc", "linux-kernel@vger.kernel.org")],
            commit.Trailers.Select(t => (t.Key, t.Value)));
        Assert.Equal(["include/linux/cpu.h", "kernel/cpu.c"], patch.Files.Select(f => f.Path));

        var header = Assert.Single(patch.Files[0].Hunks);
        Assert.Equal((111, 7, 111, 7), (header.OldStart, header.OldCount, header.NewStart, header.NewCount));
        Assert.Equal("void bringup_nonboot_cpus(unsigned int setup_max_cpus);", Assert.Single(header.RemovedLines).Text);
        Assert.Equal(114, Assert.Single(header.AddedLines).NewLine);

        var cpu = Assert.Single(patch.Files[1].Hunks);
        Assert.Equal((1905, 17, 1905, 17), (cpu.OldStart, cpu.OldCount, cpu.NewStart, cpu.NewCount));
        Assert.Equal([1908, 1910, 1914, 1918], cpu.AddedLines.Select(l => l.NewLine));
        Assert.Equal([1908, 1910, 1914, 1918], cpu.RemovedLines.Select(l => l.OldLine));
    }

    [Fact]
    public void Reads_powerpc_makefile_patch_with_link_trailer_and_tabs()
    {
        var patch = Assert.Single(Load("220-v6.16-powerpc-boot-fix-build-with-gcc-15.patch").Patches);
        var commit = patch.Commit!;
        Assert.Equal("powerpc/boot: Fix build with gcc 15", commit.Subject);
        Assert.Contains("commit ee2ab467bddf (\"x86/boot: Use '-std=gnu11' to fix build with GCC 15\")", commit.Body, StringComparison.Ordinal);
        Assert.Equal(
            ["Signed-off-by", "Tested-by", "Tested-by", "Signed-off-by", "Link"],
            commit.Trailers.Select(t => t.Key));
        Assert.Equal("https://patch.msgid.link/20250331105722.19709-1-msuchanek@suse.de", commit.Trailers[^1].Value);
        Assert.All(commit.Trailers, t => Assert.True(t.InTrailerBlock));

        var file = Assert.Single(patch.Files);
        Assert.Equal("arch/powerpc/boot/Makefile", file.Path);
        var hunk = Assert.Single(file.Hunks);
        Assert.Equal((72, 6, 72, 7), (hunk.OldStart, hunk.OldCount, hunk.NewStart, hunk.NewCount));
        var added = Assert.Single(hunk.AddedLines);
        Assert.Equal(("\t\t   -std=gnu11 \\", 75), (added.Text, added.NewLine));
    }
}

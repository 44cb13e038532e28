using System.Diagnostics;
using KernelPrBot.Checks.Kernel;
using KernelPrBot.Testing;
using Xunit;
using Xunit.Abstractions;

namespace KernelPrBot.Checks.Tests.Kernel;

public sealed class MaintainersFileTests(ITestOutputHelper output)
{
    private const string Sample = """
        List of maintainers
        ===================

        Descriptions of section entries and preferred order
        ---------------------------------------------------

        	M: *Mail* patches to: FullName <address@domain>

        ACME NETWORK DRIVER
        M:	Jane Maintainer <jane@example.org>
        R:	Rob Reviewer <rob@example.org>
        L:	netdev@vger.kernel.org
        L:	acme-private@example.org (subscribers-only)
        S:	Maintained
        F:	drivers/net/acme/
        X:	drivers/net/acme/legacy/
        F:	include/linux/acme*.h

        ACME LEGACY
        M:	Old Timer <old@example.org>
        L:	acme-legacy@example.org (moderated for non-subscribers)
        S:	Odd Fixes
        F:	drivers/net/acme/legacy/

        NETWORKING DRIVERS
        M:	"David S. Miller" <davem@davemloft.net>
        M:	Jane Maintainer <jane@other.example.org>
        L:	netdev@vger.kernel.org
        S:	Maintained
        F:	drivers/net/
        N:	acme_?phy
        K:	\bnetif_napi_add\b

        DOCS ONLY TOP LEVEL
        M:	Doc Writer <doc@example.org>
        S:	Maintained
        F:	drivers/net/*.c

        THE REST
        M:	Linus Torvalds <torvalds@linux-foundation.org>
        L:	linux-kernel@vger.kernel.org
        S:	Buried alive in reporters
        F:	*
        F:	*/
        """;

    private static MaintainersFile File => MaintainersFile.Parse(Sample);

    [Fact]
    public void Deepest_section_first_then_lists_without_the_chief_penguin()
    {
        var r = File.Route(["drivers/net/acme/main.c"]);
        Assert.Equal(["Jane Maintainer <jane@example.org>", "Rob Reviewer <rob@example.org>", "\"David S. Miller\" <davem@davemloft.net>"], r.People);
        Assert.Equal(["netdev@vger.kernel.org", "linux-kernel@vger.kernel.org"], r.Lists);
        Assert.Equal(["ACME NETWORK DRIVER", "NETWORKING DRIVERS", "THE REST"], r.Sections);
    }

    [Fact]
    public void Excluded_paths_go_to_the_other_section_and_moderated_lists_count()
    {
        var r = File.Route(["drivers/net/acme/legacy/old.c"]);
        Assert.Equal(["Old Timer <old@example.org>", "\"David S. Miller\" <davem@davemloft.net>", "Jane Maintainer <jane@other.example.org>"], r.People);
        Assert.Equal(["acme-legacy@example.org", "netdev@vger.kernel.org", "linux-kernel@vger.kernel.org"], r.Lists);
    }

    [Fact]
    public void Star_patterns_stay_in_their_directory_and_globs_match_names()
    {
        Assert.Contains("Doc Writer <doc@example.org>", File.Route(["drivers/net/loopback.c"]).People);
        Assert.DoesNotContain("Doc Writer <doc@example.org>", File.Route(["drivers/net/phy/phy.c"]).People);
        Assert.Contains("Jane Maintainer <jane@example.org>", File.Route(["include/linux/acme_regs.h"]).People);
        Assert.Equal(["linux-kernel@vger.kernel.org"], File.Route(["Makefile"]).Lists);
    }

    [Fact]
    public void N_matches_paths_and_K_matches_added_or_removed_lines()
    {
        Assert.Contains("NETWORKING DRIVERS", File.Route(["arch/arm/acme_phy.c"]).Sections);
        var patch = new[] { "Subject: [PATCH] misc", "--- a/lib/x.c", "+++ b/lib/x.c", " netif_napi_add(dev);", "+\tnetif_napi_add(dev, napi);" };
        Assert.Contains("NETWORKING DRIVERS", File.Route(["lib/x.c"], patch).Sections);
        Assert.DoesNotContain("NETWORKING DRIVERS", File.Route(["lib/x.c"], patch[..4]).Sections);
    }

    [Fact]
    public void Send_email_line_puts_maintainers_in_to_and_the_rest_in_cc()
    {
        var line = File.Route(["drivers/net/acme/main.c"]).SendEmailCommand();
        Assert.Equal(
            "git send-email --to='Jane Maintainer <jane@example.org>' --to='\"David S. Miller\" <davem@davemloft.net>' " +
            "--cc='Rob Reviewer <rob@example.org>' --cc='netdev@vger.kernel.org' --cc='linux-kernel@vger.kernel.org' *.patch", line);
    }

    [Fact]
    public void Mailmap_rewrites_addresses_like_get_maintainer()
    {
        var map = MaintainersMailmap.Parse("Jane Maintainer <jane@new.example.org> <jane@example.org>\n");
        var file = MaintainersFile.Parse(Sample, mailmap: map);
        Assert.Equal("Jane Maintainer <jane@new.example.org>", file.Route(["drivers/net/acme/main.c"]).People[0]);
    }

    [KernelTreeFact]
    public void Routing_matches_get_maintainer_on_real_paths()
    {
        var tree = KernelTree.Path ?? throw new InvalidOperationException("CI needs the kernel tree: run .ci/run");
        var file = MaintainersFile.FromTree(tree);
        var random = new Random(6);
        var all = Directory.EnumerateFiles(tree, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(tree, f))
            .Where(f => !f.StartsWith('.') && new FileInfo(Path.Combine(tree, f)).LinkTarget is null)
            .Order(StringComparer.Ordinal)
            .ToList();
        var paths = all.OrderBy(_ => random.Next()).Take(60).ToList();
        var results = new (string Path, string[] Expected, IReadOnlyList<string> Actual)[paths.Count];
        Parallel.For(0, paths.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            results[i] = (paths[i], GetMaintainer(tree, paths[i]), file.Route([paths[i]], readFile: MaintainersFile.TreeReader(tree)).All);
        });
        var sameSet = results.Count(r => r.Expected.Order(StringComparer.Ordinal).SequenceEqual(r.Actual.Order(StringComparer.Ordinal)));
        var sameOrder = results.Count(r => r.Expected.SequenceEqual(r.Actual));
        output.WriteLine($"{paths.Count} paths: {sameSet} same recipients, {sameOrder} also in the same order");
        foreach (var r in results.Where(r => !r.Expected.Order(StringComparer.Ordinal).SequenceEqual(r.Actual.Order(StringComparer.Ordinal))))
        {
            output.WriteLine($"{r.Path}\n  perl: {string.Join(", ", r.Expected)}\n  ours: {string.Join(", ", r.Actual)}");
        }

        Assert.Equal(paths.Count, sameSet);
    }

    private static string[] GetMaintainer(string tree, string path)
    {
        var start = new ProcessStartInfo("perl", ["scripts/get_maintainer.pl", "--no-git", "--no-rolestats", "-f", path])
        {
            WorkingDirectory = tree,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var child = ChildProcess.Start(start);
        var process = child.Process;
        var text = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}

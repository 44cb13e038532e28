using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Checks.Tests;

/// <summary>The check library starts no process and opens no connection: hosts run checkpatch.pl and pass its reports in.</summary>
public sealed class LibraryPurityTests
{
    private static readonly string[] Forbidden = ["ProcessStartInfo", "Process.Start", "System.Diagnostics.Process", "HttpClient", "System.Net.Sockets", "TcpClient"];

    [Fact]
    public void No_source_file_of_the_library_starts_a_process_or_opens_a_connection()
    {
        var sources = Directory.EnumerateFiles(TestPaths.InRepo("src", "KernelPrBot.Checks"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(sources);
        var offenders = sources
            .SelectMany(f => Forbidden.Where(word => File.ReadAllText(f).Contains(word, StringComparison.Ordinal)).Select(word => $"{Path.GetFileName(f)}: {word}"))
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void The_library_assembly_references_no_process_or_network_assembly()
    {
        var references = typeof(KernelPrBot.Checks.Analysis.Analyzer).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.DoesNotContain("System.Diagnostics.Process", references);
        Assert.DoesNotContain("System.Net.Http", references);
        Assert.DoesNotContain("System.Net.Sockets", references);
    }
}

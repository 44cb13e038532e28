namespace KernelPrBot.Testing;

/// <summary>Finds the repository root and the test fixtures inside it (tests/fixtures), so a bare clone runs the tests.</summary>
public static class TestPaths
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KernelPrBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("KernelPrBot.sln not found above " + AppContext.BaseDirectory);
    });

    public static string RepoRoot => Root.Value;

    /// <summary>A file under tests/fixtures (see tests/fixtures/PROVENANCE.md for where each one comes from).</summary>
    public static string Fixture(params string[] parts) => Path.Combine([RepoRoot, "tests", "fixtures", .. parts]);

    public static string InRepo(params string[] parts) => Path.Combine([RepoRoot, .. parts]);
}

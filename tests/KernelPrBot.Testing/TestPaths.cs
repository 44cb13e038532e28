namespace KernelPrBot.Testing;

/// <summary>Finds the repository root and the shared fixtures folder (beside the repository, or KPB_SHARED).</summary>
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

    public static string Shared
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable("KPB_SHARED");
            if (!string.IsNullOrEmpty(fromEnv))
            {
                return fromEnv;
            }

            var beside = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));
            return Directory.Exists(beside) ? beside : throw new InvalidOperationException($"shared/ not found at {beside}; set KPB_SHARED");
        }
    }

    public static string Fixture(params string[] parts) => Path.Combine([Shared, "fixtures", .. parts]);

    public static string InRepo(params string[] parts) => Path.Combine([RepoRoot, .. parts]);
}

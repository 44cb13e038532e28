namespace KernelPrBot.Testing;

/// <summary>
/// The official SARIF 2.1.0 JSON schema, taken at test-setup time from the npm package
/// @microsoft/sarif-multitool-linux (scripts/install-test-tools.sh puts it in .tools/sarif/).
/// </summary>
public static class SarifSchema
{
    private static readonly Lazy<Json.Schema.JsonSchema?> Loaded = new(() => Path is { } p ? Json.Schema.JsonSchema.FromFile(p) : null);

    /// <summary>The parsed schema, loaded once (the schema registry refuses a second registration of its $id).</summary>
    public static Json.Schema.JsonSchema? Schema => Loaded.Value;

    public static string? Path
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable("KPB_SARIF_SCHEMA");
            var path = string.IsNullOrEmpty(fromEnv) ? TestPaths.InRepo(".tools", "sarif", "sarif-2.1.0.json") : fromEnv;
            return File.Exists(path) ? path : null;
        }
    }
}

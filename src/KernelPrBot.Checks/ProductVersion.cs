using System.Reflection;

namespace KernelPrBot.Checks;

/// <summary>The product's one version (Directory.Build.props), as the programs and the SARIF output print it.</summary>
public static class ProductVersion
{
    public static string Current { get; } =
        typeof(ProductVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}

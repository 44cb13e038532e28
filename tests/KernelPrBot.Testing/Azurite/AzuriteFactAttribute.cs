using Xunit;

namespace KernelPrBot.Testing.Azurite;

/// <summary>A fact that needs Azurite: skipped without it locally, but never skipped under CI.</summary>
public sealed class AzuriteFactAttribute : FactAttribute
{
    public AzuriteFactAttribute()
    {
        if (AzuriteServer.Executable is null && !AzuriteServer.RequiredByCi)
        {
            Skip = "azurite not installed (scripts/install-test-tools.sh, or npm install --prefix .tools/azurite azurite@3.37.0)";
        }
    }
}

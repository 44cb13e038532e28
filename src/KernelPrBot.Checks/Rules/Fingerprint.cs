using System.Security.Cryptography;
using System.Text;

namespace KernelPrBot.Checks.Rules;

/// <summary>Stable finding identities: rule, place (file or commit) and normalised evidence; never the line number.</summary>
public static class Fingerprint
{
    public static string Compute(string ruleId, string place, string evidence, int ordinal)
    {
        var normalised = string.Join(' ', evidence.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var bytes = Encoding.UTF8.GetBytes($"{ruleId}\0{place}\0{normalised}\0{ordinal}");
        return Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
    }
}

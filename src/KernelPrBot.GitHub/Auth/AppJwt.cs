using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace KernelPrBot.GitHub.Auth;

/// <summary>
/// The GitHub App's JSON Web Token: RS256 over <c>{iat, exp, iss}</c>, with <c>iat</c> 60 s in the past for
/// clock drift and <c>exp</c> within GitHub's 10-minute limit. Built with the BCL; Octokit does not create it.
/// </summary>
public static class AppJwt
{
    public static string Create(long appId, RSA key, DateTimeOffset now)
    {
        var header = Encode("""{"alg":"RS256","typ":"JWT"}"""u8);
        var payload = Encode(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iat"] = now.AddSeconds(-60).ToUnixTimeSeconds(),
            ["exp"] = now.AddMinutes(9).ToUnixTimeSeconds(),
            ["iss"] = appId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        var signed = header + "." + payload;
        var signature = key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signed + "." + Encode(signature);
    }

    /// <summary>Reads a PEM private key (PKCS#1 as GitHub issues them, or PKCS#8) with a clear error for anything else.</summary>
    public static RSA LoadKey(string pem)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            return rsa;
        }
        catch (ArgumentException ex)
        {
            rsa.Dispose();
            throw new InvalidOperationException("the GitHub App private key is not an RSA key in PEM form", ex);
        }
    }

    private static string Encode(ReadOnlySpan<byte> bytes) => Base64Url.EncodeToString(bytes);
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>Creates GitHub App JWTs (RS256) for tests of the fake and of code that takes a ready JWT.</summary>
public static class AppJwt
{
    /// <summary><paramref name="issuedAt"/> defaults to 60 s before <paramref name="now"/>, <paramref name="expiresAt"/> to 9 minutes after it.</summary>
    public static string Create(RSA key, long appId, DateTimeOffset now, DateTimeOffset? issuedAt = null, DateTimeOffset? expiresAt = null)
    {
        var iat = (issuedAt ?? now.AddSeconds(-60)).ToUnixTimeSeconds();
        var exp = (expiresAt ?? now.AddMinutes(9)).ToUnixTimeSeconds();
        var header = Encode(Encoding.UTF8.GetBytes("{\"alg\":\"RS256\",\"typ\":\"JWT\"}"));
        var payload = Encode(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{{\"iat\":{iat},\"exp\":{exp},\"iss\":\"{appId}\"}}")));
        var signature = key.SignData(Encoding.ASCII.GetBytes(header + "." + payload), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{header}.{payload}.{Encode(signature)}";
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

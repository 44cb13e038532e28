using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KernelPrBot.GitHub.Auth;
using Xunit;

namespace KernelPrBot.GitHub.Tests.Auth;

public sealed class AppJwtTests
{
    [Fact]
    public void The_token_is_RS256_signed_with_backdated_iat_and_exp_within_ten_minutes()
    {
        using var key = RSA.Create(2048);
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

        var jwt = AppJwt.Create(4242, key, now);

        var parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        Assert.True(key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
        Assert.Equal("RS256", header.RootElement.GetProperty("alg").GetString());
        using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        Assert.Equal(now.ToUnixTimeSeconds() - 60, claims.RootElement.GetProperty("iat").GetInt64());
        Assert.InRange(claims.RootElement.GetProperty("exp").GetInt64() - now.ToUnixTimeSeconds(), 60, 600);
        Assert.Equal("4242", claims.RootElement.GetProperty("iss").GetString());
    }

    [Fact]
    public void A_key_that_is_not_rsa_pem_gets_a_clear_error()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => AppJwt.LoadKey("-----BEGIN PRIVATE KEY-----\nnot base64\n-----END PRIVATE KEY-----\n"));

        Assert.Contains("not an RSA key", ex.Message, StringComparison.Ordinal);
    }
}

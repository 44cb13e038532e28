using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>
/// Verifies App JWTs like GitHub: RS256 signed with the App key, <c>iss</c> = App id (string or number),
/// <c>exp</c> in the future and at most 10 minutes ahead (plus 30 s of clock drift), and at most 11 minutes after
/// <c>iat</c> so the documented "iat = now − 60 s" is accepted. Returns an error message or null.
/// </summary>
internal static class JwtVerifier
{
    private const string ExpMessage = "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires";
    private const string TooFarMessage = "'Expiration time' claim ('exp') is too far in the future";
    private const string IatMessage = "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued";
    private const string DecodeMessage = "A JSON web token could not be decoded";

    public static string? Verify(string jwt, FakeGitHubOptions options)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3)
        {
            return DecodeMessage;
        }

        JsonElement header, payload;
        byte[] signature;
        try
        {
            header = JsonDocument.Parse(Base64Url(parts[0])).RootElement;
            payload = JsonDocument.Parse(Base64Url(parts[1])).RootElement;
            signature = Base64Url(parts[2]);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return DecodeMessage;
        }

        if (!header.TryGetProperty("alg", out var alg) || alg.GetString() != "RS256")
        {
            return DecodeMessage;
        }

        var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        if (!options.AppKey.VerifyData(signed, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            return DecodeMessage;
        }

        var iss = payload.TryGetProperty("iss", out var i) ? (i.ValueKind == JsonValueKind.Number ? i.GetRawText() : i.GetString()) : null;
        if (iss != options.AppId.ToString(CultureInfo.InvariantCulture))
        {
            return "Integration not found";
        }

        var now = options.Time.GetUtcNow().ToUnixTimeSeconds();
        if (!TryNumber(payload, "exp", out var exp) || exp <= now)
        {
            return ExpMessage;
        }

        if (!TryNumber(payload, "iat", out var iat) || iat > now + 60)
        {
            return IatMessage;
        }

        return exp > now + 630 || exp - iat > 660 ? TooFarMessage : null;
    }

    private static bool TryNumber(JsonElement payload, string name, out long value)
    {
        value = 0;
        return payload.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out value);
    }

    private static byte[] Base64Url(string s)
    {
        var padded = s.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        return Convert.FromBase64String(padded);
    }
}

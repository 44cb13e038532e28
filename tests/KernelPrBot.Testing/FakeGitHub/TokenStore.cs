using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>Installation tokens the fake issued (each bound to one installation, valid 1 hour) and the personal token.</summary>
internal sealed class TokenStore
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private readonly ConcurrentDictionary<string, (long Installation, DateTimeOffset ExpiresAt)> _tokens = new(StringComparer.Ordinal);
    private readonly FakeGitHubOptions _options;

    public TokenStore(FakeGitHubOptions options) => _options = options;

    public (string Token, DateTimeOffset ExpiresAt) Issue(long installationId)
    {
        var token = "ghs_" + RandomNumberGenerator.GetString(Alphabet, 36);
        var expires = _options.Time.GetUtcNow().AddHours(1);
        _tokens[token] = (installationId, expires);
        return (token, expires);
    }

    /// <summary>The caller a bearer/token credential acts as; null when unknown or expired.</summary>
    public Caller? Resolve(string token)
    {
        if (_options.PersonalToken is { } pat && token == pat)
        {
            return new Caller(CallerKind.User, _options.PersonalTokenLogin, "User", null, "user:" + _options.PersonalTokenLogin);
        }

        if (_tokens.TryGetValue(token, out var t) && t.ExpiresAt > _options.Time.GetUtcNow())
        {
            return new Caller(CallerKind.Installation, _options.AppSlug + "[bot]", "Bot", t.Installation, "installation:" + t.Installation);
        }

        return null;
    }
}

using System.Security.Cryptography;

namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>Settings of a <see cref="FakeGitHubServer"/>.</summary>
public sealed class FakeGitHubOptions
{
    public long AppId { get; init; } = 4242;

    public string AppSlug { get; init; } = "kernel-pr-bot";

    /// <summary>The App's key: give the bot <c>AppKey.ExportRSAPrivateKeyPem()</c>; the fake verifies JWTs with it.</summary>
    public RSA AppKey { get; init; } = RSA.Create(2048);

    /// <summary>Accepted as a user token acting as <see cref="PersonalTokenLogin"/>.</summary>
    public string? PersonalToken { get; init; }

    public string PersonalTokenLogin { get; init; } = "kpb-maintainer-bot";

    /// <summary>Primary rate limit per installation (or user) and hour.</summary>
    public int RateLimit { get; init; } = 5000;

    public bool ValidateAgainstOpenApi { get; init; } = true;

    /// <summary>Clock for token expiry, JWT checks and rate-limit windows.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}

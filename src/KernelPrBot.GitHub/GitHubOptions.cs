namespace KernelPrBot.GitHub;

/// <summary>Settings section <c>KernelPrBot:GitHub</c> (DESIGN.md §9).</summary>
public sealed class GitHubOptions
{
    public const string DefaultApiUrl = "https://api.github.com/";

    /// <summary>REST base URL: api.github.com, a GitHub Enterprise <c>https://host/api/v3/</c>, or a test server.</summary>
    public string ApiUrl { get; set; } = DefaultApiUrl;

    public long? AppId { get; set; }

    public string? PrivateKeyPath { get; set; }

    /// <summary>The App's private key itself (PEM), for hosts that keep it in a secret store rather than a file.</summary>
    public string? PrivateKey { get; set; }

    /// <summary>A token instead of an App, for self-hosting on one repository (check runs then become commit statuses).</summary>
    public string? Token { get; set; }

    public string? WebhookSecret { get; set; }

    public bool UsesApp => AppId is not null && (PrivateKeyPath is not null || PrivateKey is not null);

    public Uri ApiUri => new(ApiUrl.EndsWith('/') ? ApiUrl : ApiUrl + "/");
}

namespace KernelPrBot.GitLab;

/// <summary>Settings section <c>KernelPrBot:GitLab</c> (DESIGN.md §9).</summary>
public sealed class GitLabOptions
{
    /// <summary>The instance: gitlab.com or a self-managed <c>https://gitlab.example.org/</c> (the API is under <c>api/v4/</c>).</summary>
    public string Url { get; set; } = "https://gitlab.com/";

    /// <summary>A personal, project or group access token with the <c>api</c> scope.</summary>
    public string? Token { get; set; }

    public string? WebhookSecret { get; set; }

    public bool IsConfigured => !string.IsNullOrEmpty(Token);

    public Uri ApiUri => new(new Uri(Url.EndsWith('/') ? Url : Url + "/"), "api/v4/");
}

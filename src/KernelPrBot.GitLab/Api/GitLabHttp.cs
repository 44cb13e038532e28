using KernelPrBot.GitLab;

namespace KernelPrBot.GitLab.Api;

/// <summary>The GitLab client over a handler chain the host gives (the forge resilience chain in production), authenticated with the configured token.</summary>
public static class GitLabHttp
{
    public static GitLabClient Create(GitLabOptions options, HttpMessageHandler handler)
    {
#pragma warning disable CA2000 // the client lives as long as the process; the handler is shared by design
        var http = new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
#pragma warning restore CA2000
        http.DefaultRequestHeaders.Add("PRIVATE-TOKEN", options.Token);
        http.DefaultRequestHeaders.UserAgent.ParseAdd("KernelPrBot/" + Checks.ProductVersion.Current);
        return new GitLabClient(http, options);
    }
}

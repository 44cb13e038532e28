using System.Collections.Concurrent;
using System.Security.Cryptography;
using KernelPrBot.GitHub.Auth;
using Octokit;
using Octokit.Internal;

namespace KernelPrBot.GitHub.Api;

/// <summary>
/// Octokit clients: one per installation (its token comes from <see cref="InstallationTokenCache"/> on every
/// request), or one for a personal token. All share one HTTP handler chain, so the host's resilience and
/// write-serialising handlers see every call.
/// </summary>
public sealed class GitHubClients
{
    private static readonly ProductHeaderValue Product = new("KernelPrBot", Checks.ProductVersion.Current);
    private readonly GitHubOptions _options;
    private readonly HttpMessageHandler _handler;
    private readonly TimeProvider _time;
    private readonly RSA? _appKey;
    private readonly InstallationTokenCache _tokens;
    private readonly ConcurrentDictionary<long, IGitHubClient> _installationClients = new();
    private readonly ConcurrentDictionary<string, long> _installationOfRepository = new(StringComparer.OrdinalIgnoreCase);
    private readonly GitHubClient? _tokenClient;
    private string? _botLogin;

    public GitHubClients(GitHubOptions options, HttpMessageHandler handler, TimeProvider? time = null)
    {
        _options = options;
        _handler = handler;
        _time = time ?? TimeProvider.System;
        if (options.UsesApp)
        {
            _appKey = AppJwt.LoadKey(options.PrivateKey ?? File.ReadAllText(options.PrivateKeyPath!));
        }
        else if (string.IsNullOrEmpty(options.Token))
        {
            throw new InvalidOperationException("GitHub needs either an App (KernelPrBot:GitHub:AppId and PrivateKeyPath) or a token (KernelPrBot:GitHub:Token)");
        }
        else
        {
            _tokenClient = Create(new InMemoryCredentialStore(new Credentials(options.Token)));
        }

        _tokens = new InstallationTokenCache(MintAsync, _time);
    }

    public bool UsesApp => _appKey is not null;

    /// <summary>The bot's login once <see cref="BotLoginAsync"/> has learnt it.</summary>
    public string? BotLoginIfKnown => _botLogin;

    public InstallationTokenCache Tokens => _tokens;

    /// <summary>The client for a repository; <paramref name="installationId"/> comes from the webhook when there is one.</summary>
    public async Task<IGitHubClient> ForRepositoryAsync(string repository, long? installationId, CancellationToken cancellationToken)
    {
        if (_tokenClient is not null)
        {
            return _tokenClient;
        }

        if (installationId is { } given)
        {
            _installationOfRepository[repository] = given;
        }
        else if (!_installationOfRepository.TryGetValue(repository, out given))
        {
            var (owner, name) = RepositoryName.Split(repository);
            var installation = await AppClient().GitHubApps.GetRepositoryInstallationForCurrent(owner, name).ConfigureAwait(false);
            given = installation.Id;
            _installationOfRepository[repository] = given;
        }

        return _installationClients.GetOrAdd(given, id => Create(new InstallationCredentials(_tokens, id)));
    }

    /// <summary>The login the bot's comments carry: <c>slug[bot]</c> for an App, the token's user otherwise.</summary>
    public async Task<string> BotLoginAsync(CancellationToken cancellationToken)
    {
        if (_botLogin is not null)
        {
            return _botLogin;
        }

        _botLogin = _tokenClient is not null
            ? (await _tokenClient.User.Current().ConfigureAwait(false)).Login
            : (await AppClient().GitHubApps.GetCurrent().ConfigureAwait(false)).Slug + "[bot]";
        return _botLogin;
    }

    private GitHubClient AppClient() =>
        Create(new InMemoryCredentialStore(new Credentials(AppJwt.Create(_options.AppId!.Value, _appKey!, _time.GetUtcNow()), AuthenticationType.Bearer)));

    private async Task<(string Token, DateTimeOffset ExpiresAt)> MintAsync(long installationId, CancellationToken cancellationToken)
    {
        var token = await AppClient().GitHubApps.CreateInstallationToken(installationId).ConfigureAwait(false);
        return (token.Token, token.ExpiresAt);
    }

    private GitHubClient Create(ICredentialStore credentials)
    {
        var handler = _handler;
        var http = new HttpClientAdapter(() => handler);
        return new GitHubClient(new Connection(Product, _options.ApiUri, credentials, http, new SimpleJsonSerializer()));
    }

    private sealed class InstallationCredentials(InstallationTokenCache tokens, long installationId) : ICredentialStore
    {
        public async Task<Credentials> GetCredentials() =>
            new(await tokens.GetAsync(installationId, CancellationToken.None).ConfigureAwait(false));
    }
}

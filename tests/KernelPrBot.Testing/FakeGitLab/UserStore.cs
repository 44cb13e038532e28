namespace KernelPrBot.Testing.FakeGitLab;

/// <summary>Users by login and by token. Users are created on demand so seeding code can name anyone.</summary>
internal sealed class UserStore
{
    private readonly Dictionary<string, GitLabUser> _byLogin = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, GitLabUser> _byToken = new(StringComparer.Ordinal);
    private long _nextId = 1000;

    public UserStore(FakeGitLabOptions options) => Add(options.BotLogin, options.BotToken, isBot: true);

    public GitLabUser Ensure(string login)
    {
        lock (_byLogin)
        {
            return _byLogin.TryGetValue(login, out var user) ? user : Add(login, "glpat-" + Guid.NewGuid().ToString("N")[..20], isBot: false);
        }
    }

    public GitLabUser? ByToken(string token)
    {
        lock (_byLogin)
        {
            return _byToken.GetValueOrDefault(token);
        }
    }

    public GitLabUser? ById(long id)
    {
        lock (_byLogin)
        {
            return _byLogin.Values.FirstOrDefault(u => u.Id == id);
        }
    }

    /// <summary>Oldest first.</summary>
    public IReadOnlyList<GitLabUser> All()
    {
        lock (_byLogin)
        {
            return _byLogin.Values.OrderBy(u => u.Id).ToList();
        }
    }

    private GitLabUser Add(string login, string token, bool isBot)
    {
        lock (_byLogin)
        {
            var user = new GitLabUser(++_nextId, login, isBot ? login : char.ToUpperInvariant(login[0]) + login[1..], token, isBot);
            _byLogin[login] = user;
            _byToken[token] = user;
            return user;
        }
    }
}

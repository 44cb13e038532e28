namespace KernelPrBot.Testing.FakeGitHub;

internal enum AuthMode
{
    /// <summary>An App JWT.</summary>
    Jwt,

    /// <summary>An installation token or the personal token.</summary>
    Token,

    /// <summary>Anything, including no credentials (<c>GET /rate_limit</c>).</summary>
    Any,
}

internal sealed record Route(string Method, PathTemplate Template, AuthMode Auth, Func<ApiRequest, ApiResult> Handler);

/// <summary>The endpoints the fake implements, matched by method and GitHub path template.</summary>
internal sealed class Router
{
    private readonly List<Route> _routes = [];

    public void Map(string method, string template, AuthMode auth, Func<ApiRequest, ApiResult> handler) =>
        _routes.Add(new Route(method, new PathTemplate(template, name => name == "path"), auth, handler));

    public (Route? Route, Dictionary<string, string> Values) Find(string method, IReadOnlyList<string> segments)
    {
        Route? best = null;
        Dictionary<string, string> bestValues = [];
        foreach (var route in _routes)
        {
            if (route.Method == method && route.Template.TryMatch(segments, out var values)
                && (best is null || route.Template.LiteralCount > best.Template.LiteralCount))
            {
                best = route;
                bestValues = values;
            }
        }

        return (best, bestValues);
    }
}

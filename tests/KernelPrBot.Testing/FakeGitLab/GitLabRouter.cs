using KernelPrBot.Testing.FakeGitHub;

namespace KernelPrBot.Testing.FakeGitLab;

internal sealed record GitLabRoute(EndpointSpec Spec, PathTemplate Template, Func<GitLabRequest, GitLabResult> Handler);

/// <summary>The endpoints the fake implements; each must have an entry in <see cref="GitLabApiTable"/>, so nothing goes unvalidated.</summary>
internal sealed class GitLabRouter
{
    private readonly List<GitLabRoute> _routes = [];

    public void Map(string method, string template, Func<GitLabRequest, GitLabResult> handler)
    {
        var spec = GitLabApiTable.All.SingleOrDefault(e => e.Method == method && e.Template == template)
            ?? throw new InvalidOperationException($"{method} {template} is not in the parameter table");
        _routes.Add(new GitLabRoute(spec, new PathTemplate(template, _ => false), handler));
    }

    public (GitLabRoute? Route, Dictionary<string, string> Values, bool PathKnown) Find(string method, IReadOnlyList<string> segments)
    {
        GitLabRoute? best = null;
        Dictionary<string, string> bestValues = [];
        var pathKnown = false;
        foreach (var route in _routes)
        {
            if (!route.Template.TryMatch(segments, out var values))
            {
                continue;
            }

            pathKnown = true;
            if (route.Spec.Method == method && (best is null || route.Template.LiteralCount > best.Template.LiteralCount))
            {
                best = route;
                bestValues = values;
            }
        }

        return (best, bestValues, pathKnown);
    }
}

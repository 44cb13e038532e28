using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using KernelPrBot.Testing.FakeForge;
using KernelPrBot.Testing.FakeGitHub;
using Microsoft.AspNetCore.Http;

namespace KernelPrBot.Testing.FakeGitLab;

/// <summary>
/// Every request goes through here: delay and failure faults, routing, the token, the rate limit, parameter validation,
/// then the endpoint; the exchange is recorded and reported.
/// </summary>
internal sealed class GitLabPipeline : ForgePipeline<GitLabRequest, GitLabResult>
{
    private const string Prefix = "/api/v4";
    private readonly GitLabState _state;
    private readonly GitLabRouter _router = new();

    public GitLabPipeline(GitLabState state, FaultInjector faults, Action<RecordedRequest> completed)
        : base(faults, state.Log, state.Options.Time, completed)
    {
        _state = state;
        ProjectEndpoints.Map(_router, state);
        MergeRequestEndpoints.Map(_router, state);
        RepositoryEndpoints.Map(_router, state);
        StatusEndpoints.Map(_router, state);
        DiscussionEndpoints.Map(_router, state);
        NoteEndpoints.Map(_router, state);
    }

    protected override string JsonContentType => "application/json";

    protected override string WriterOf(GitLabRequest request) => request.User?.Username ?? "anonymous";

    protected override string? ActorOf(GitLabRequest request) => request.User?.Username;

    protected override GitLabResult Create(int status, JsonNode? json) => new(status, json);

    protected override GitLabResult Failed(Exception e) => GitLabResult.Message(500, "500 Internal Server Error");

    protected override void AddForgeHeaders(IHeaderDictionary headers) =>
        headers["X-Request-Id"] = Guid.NewGuid().ToString("N")[..26].ToUpperInvariant();

    protected override GitLabResult Route(GitLabRequest request, Dictionary<string, string> headers)
    {
        var (route, values, pathKnown) = _router.Find(request.Method, request.Segments);
        if (route is null)
        {
            _state.AddViolation(request, !request.Path.StartsWith('/') ? "not under /api/v4"
                : pathKnown ? "the fake serves this path but not this method" : "no such endpoint on the fake");
            return pathKnown ? new GitLabResult(405, new JsonObject { ["message"] = "405 Method Not Allowed" }) : GitLabResult.NotFound();
        }

        request.Route = values;
        if (request.User is null)
        {
            return GitLabResult.Unauthorized();
        }

        if (!_state.Limits.Take("user:" + request.User.Id, headers))
        {
            return new GitLabResult(429, null, Encoding.UTF8.GetBytes("Retry later\n"), "text/plain");
        }

        if (request.BodyProblem is not null)
        {
            _state.AddViolation(request, request.BodyProblem);
            return GitLabResult.Message(400, "400 Bad request - " + request.BodyProblem);
        }

        var all = new Dictionary<string, string>(request.Params, StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            all[name] = value;
        }

        var problems = ParamValidator.Validate(route.Spec, all);
        if (problems.Count > 0)
        {
            foreach (var p in problems)
            {
                _state.AddViolation(request, p);
            }

            return GitLabResult.Error(400, string.Join(", ", problems));
        }

        return route.Handler(request);
    }

    protected override async Task<GitLabRequest> ReadAsync(HttpContext context)
    {
        var target = await RequestTarget.ReadAsync(context, Prefix).ConfigureAwait(false);
        var parameters = ParamReader.Read(target.RawQuery, context.Request.ContentType, target.Body, out var problem);
        var token = context.Request.Headers["PRIVATE-TOKEN"].ToString();
        if (token.Length == 0 && context.Request.Headers.Authorization.ToString() is { } auth
            && auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            token = auth["Bearer ".Length..].Trim();
        }

        return new GitLabRequest
        {
            Method = target.Method,
            Path = target.Path,
            Segments = target.Segments,
            RawQuery = target.RawQuery,
            Body = target.BodyOrNull,
            Params = parameters,
            Token = token.Length == 0 ? null : token,
            User = token.Length == 0 ? null : _state.Users.ByToken(token),
            BodyProblem = problem,
        };
    }

    protected override string Reason(int status) => status switch
    {
        500 => "500 Internal Server Error",
        502 => "502 Bad Gateway",
        503 => "503 Service Unavailable",
        504 => "504 Gateway Timeout",
        403 => "403 Forbidden",
        404 => "404 Not Found",
        429 => "Retry later",
        _ => status.ToString(CultureInfo.InvariantCulture),
    };
}

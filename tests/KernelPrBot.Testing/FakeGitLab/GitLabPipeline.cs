using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using KernelPrBot.Testing.FakeGitHub;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace KernelPrBot.Testing.FakeGitLab;

/// <summary>
/// Every request goes through here: delay and failure faults, routing, the token, the rate limit, parameter validation,
/// then the endpoint; the exchange is recorded and reported.
/// </summary>
internal sealed class GitLabPipeline
{
    private const string Prefix = "/api/v4";
    private readonly GitLabState _state;
    private readonly GitLabRouter _router = new();
    private readonly FaultInjector _faults;
    private readonly List<RecordedRequest> _requests = [];
    private readonly Dictionary<string, int> _writesInFlight = new(StringComparer.Ordinal);
    private readonly Action<RecordedRequest> _completed;
    private int _maxConcurrentWrites;

    public GitLabPipeline(GitLabState state, FaultInjector faults, Action<RecordedRequest> completed)
    {
        _state = state;
        _faults = faults;
        _completed = completed;
        ProjectEndpoints.Map(_router, state);
        MergeRequestEndpoints.Map(_router, state);
        RepositoryEndpoints.Map(_router, state);
        StatusEndpoints.Map(_router, state);
        DiscussionEndpoints.Map(_router, state);
        NoteEndpoints.Map(_router, state);
    }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return _requests.ToList();
            }
        }
    }

    public int MaxConcurrentWrites => Volatile.Read(ref _maxConcurrentWrites);

    public async Task HandleAsync(HttpContext context)
    {
        var started = _state.Options.Time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var (request, bodyProblem) = await ReadAsync(context).ConfigureAwait(false);
        var isWrite = request.Method is "POST" or "PUT" or "PATCH" or "DELETE";
        var writer = request.User?.Username ?? "anonymous";
        if (isWrite)
        {
            EnterWrite(writer);
        }

        GitLabResult result;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            var delay = _faults.TakeDelay(request.Method, request.Path);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, context.RequestAborted).ConfigureAwait(false);
            }

            result = Process(request, bodyProblem, headers);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _state.AddViolation(request, "the fake failed: " + e);
            result = GitLabResult.Message(500, "500 Internal Server Error");
        }
        finally
        {
            if (isWrite)
            {
                LeaveWrite(writer);
            }
        }

        var body = await WriteAsync(context, result, headers).ConfigureAwait(false);
        var recorded = new RecordedRequest(request.Method, request.Path, request.RawQuery, request.Body, result.Status, started, clock.Elapsed,
            request.User?.Username, context.Request.Headers.Accept.ToString(), body);
        lock (_requests)
        {
            _requests.Add(recorded);
        }

        _completed(recorded);
    }

    private GitLabResult Process(GitLabRequest request, string? bodyProblem, Dictionary<string, string> headers)
    {
        if (_faults.TakeFailure(request.Method, request.Path) is { } fault)
        {
            var faulted = new GitLabResult(fault.Status, fault.Body is null ? new JsonObject { ["message"] = Reason(fault.Status) } : JsonNode.Parse(fault.Body));
            foreach (var (name, value) in fault.Headers ?? [])
            {
                faulted.Headers[name] = value;
            }

            return faulted;
        }

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

        if (bodyProblem is not null)
        {
            _state.AddViolation(request, bodyProblem);
            return GitLabResult.Message(400, "400 Bad request - " + bodyProblem);
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

    private async Task<(GitLabRequest Request, string? BodyProblem)> ReadAsync(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
        var q = raw.IndexOf('?', StringComparison.Ordinal);
        var rawPath = q < 0 ? raw : raw[..q];
        var path = rawPath.StartsWith(Prefix + "/", StringComparison.Ordinal) ? rawPath[Prefix.Length..] : "~" + rawPath;
        string body;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }

        var rawQuery = q < 0 ? "" : raw[q..];
        var parameters = ParamReader.Read(rawQuery, context.Request.ContentType, body, out var problem);
        var token = context.Request.Headers["PRIVATE-TOKEN"].ToString();
        if (token.Length == 0 && context.Request.Headers.Authorization.ToString() is { } auth
            && auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            token = auth["Bearer ".Length..].Trim();
        }

        var request = new GitLabRequest
        {
            Method = context.Request.Method.ToUpperInvariant(),
            Path = path,
            Segments = path.StartsWith('/') ? PathTemplate.Split(path) : [],
            RawQuery = rawQuery,
            Body = body.Length == 0 ? null : body,
            Params = parameters,
            Token = token.Length == 0 ? null : token,
            User = token.Length == 0 ? null : _state.Users.ByToken(token),
        };
        return (request, problem);
    }

    private static async Task<string?> WriteAsync(HttpContext context, GitLabResult result, Dictionary<string, string> headers)
    {
        var response = context.Response;
        response.StatusCode = result.Status;
        foreach (var (name, value) in headers)
        {
            response.Headers[name] = value;
        }

        foreach (var (name, value) in result.Headers)
        {
            response.Headers[name] = value;
        }

        response.Headers["X-Request-Id"] = Guid.NewGuid().ToString("N")[..26].ToUpperInvariant();
        if (result.Raw is not null)
        {
            response.ContentType = result.ContentType;
            await response.Body.WriteAsync(result.Raw, context.RequestAborted).ConfigureAwait(false);
            return Encoding.UTF8.GetString(result.Raw);
        }

        if (result.Json is null)
        {
            return null;
        }

        var text = result.Json.ToJsonString();
        response.ContentType = "application/json";
        await response.WriteAsync(text, context.RequestAborted).ConfigureAwait(false);
        return text;
    }

    private void EnterWrite(string key)
    {
        lock (_writesInFlight)
        {
            var n = _writesInFlight.GetValueOrDefault(key) + 1;
            _writesInFlight[key] = n;
            if (n > _maxConcurrentWrites)
            {
                Volatile.Write(ref _maxConcurrentWrites, n);
            }
        }
    }

    private void LeaveWrite(string key)
    {
        lock (_writesInFlight)
        {
            _writesInFlight[key]--;
        }
    }

    private static string Reason(int status) => status switch
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

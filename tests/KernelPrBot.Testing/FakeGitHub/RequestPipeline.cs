using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>
/// Every request goes through here: delay and failure faults, credentials, the primary rate limit, OpenAPI validation,
/// then the endpoint; the exchange is recorded and reported.
/// </summary>
internal sealed class RequestPipeline
{
    private readonly ServerState _state;
    private readonly Router _router = new();
    private readonly FaultInjector _faults;
    private readonly string _prefix;
    private readonly List<RecordedRequest> _requests = [];
    private readonly Dictionary<string, int> _writesInFlight = new(StringComparer.Ordinal);
    private readonly Action<RecordedRequest> _completed;
    private int _maxConcurrentWrites;

    public RequestPipeline(ServerState state, FaultInjector faults, Uri baseUrl, Action<RecordedRequest> completed)
    {
        _state = state;
        _faults = faults;
        _prefix = baseUrl.AbsolutePath.TrimEnd('/');
        _completed = completed;
        AppEndpoints.Map(_router, state);
        RepositoryEndpoints.Map(_router, state);
        PullEndpoints.Map(_router, state);
        ReviewEndpoints.Map(_router, state);
        IssueEndpoints.Map(_router, state);
        CheckEndpoints.Map(_router, state);
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
        var request = await ReadAsync(context).ConfigureAwait(false);
        var isWrite = request.Method is "POST" or "PATCH" or "PUT" or "DELETE";
        var writer = request.Caller.RateKey; // authentication may still replace the caller
        if (isWrite)
        {
            EnterWrite(writer);
        }

        ApiResult result;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            var delay = _faults.TakeDelay(request.Method, request.Path);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, context.RequestAborted).ConfigureAwait(false);
            }

            result = Process(request, headers);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _state.AddViolation(request, "the fake failed: " + e);
            result = ApiResult.Message(500, "fake GitHub error: " + e.Message);
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
            request.Caller.Login, request.Accept, body);
        lock (_requests)
        {
            _requests.Add(recorded);
        }

        _completed(recorded);
    }

    private ApiResult Process(ApiRequest request, Dictionary<string, string> headers)
    {
        var fault = _faults.TakeFailure(request.Method, request.Path);
        if (fault is not null)
        {
            _state.Limits.Take(request.Caller, false, headers);
            var faulted = new ApiResult(fault.Status, fault.Body is null ? new JsonObject { ["message"] = Reason(fault.Status) } : JsonNode.Parse(fault.Body));
            foreach (var (name, value) in fault.Headers ?? [])
            {
                faulted.Headers[name] = value;
            }

            return faulted;
        }

        var (route, values) = _router.Find(request.Method, request.Segments);
        if (route is null)
        {
            _state.Limits.Take(request.Caller, false, headers);
            _state.AddViolation(request, Unknown(request));
            return ApiResult.NotFound();
        }

        request.Route = values;
        var denied = Authenticate(request, route.Auth);
        var free = request.Method == "GET" && route.Template.Template == "/rate_limit";
        if (!_state.Limits.Take(request.Caller, free, headers))
        {
            return RateLimited(request);
        }

        if (denied is not null)
        {
            return denied;
        }

        if (_state.Options.ValidateAgainstOpenApi)
        {
            var (operation, pathValues, _) = OpenApiIndex.Shared.Find(request.Method, request.Segments);
            if (operation is null)
            {
                _state.AddViolation(request, "no such operation in GitHub's REST API description");
                return ApiResult.NotFound();
            }

            var problems = OpenApiRequestValidator.Validate(operation, pathValues, request.Query, request.Body);
            if (problems.Count > 0)
            {
                foreach (var p in problems)
                {
                    _state.AddViolation(request, p);
                }

                return new ApiResult(422, new JsonObject
                {
                    ["message"] = "Invalid request.\n\n" + string.Join("\n", problems),
                    ["documentation_url"] = ApiResult.Docs,
                    ["status"] = "422",
                });
            }
        }

        return route.Handler(request);
    }

    private static string Unknown(ApiRequest request)
    {
        if (!request.Path.StartsWith('/') || request.Segments.Count == 0)
        {
            return "not under the API root";
        }

        var (operation, _, pathKnown) = OpenApiIndex.Shared.Find(request.Method, request.Segments);
        return operation is not null ? $"GitHub has this operation ({operation.OperationId}) but the fake does not implement it"
            : pathKnown ? "GitHub has this path but not for this method"
            : "no such operation in GitHub's REST API description";
    }

    /// <summary>Null when the credentials fit the route; else the 401/403 to answer.</summary>
    private ApiResult? Authenticate(ApiRequest request, AuthMode mode)
    {
        var (scheme, credential) = SplitAuthorization(request.Authorization);
        if (mode == AuthMode.Jwt)
        {
            if (credential is null || !scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
            {
                return ApiResult.Message(401, "A JSON web token could not be decoded", "https://docs.github.com/rest");
            }

            var problem = JwtVerifier.Verify(credential, _state.Options);
            if (problem is not null)
            {
                return ApiResult.Message(401, problem, "https://docs.github.com/rest");
            }

            request.Caller = new Caller(CallerKind.App, null, null, null, "app");
            return null;
        }

        if (credential is null)
        {
            return mode == AuthMode.Any ? null : ApiResult.Message(401, "Requires authentication");
        }

        var caller = _state.Tokens.Resolve(credential);
        if (caller is null)
        {
            return ApiResult.BadCredentials();
        }

        request.Caller = caller;
        return null;
    }

    private static (string Scheme, string? Credential) SplitAuthorization(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return ("", null);
        }

        var space = header.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? ("", null) : (header[..space], header[(space + 1)..].Trim());
    }

    private static ApiResult RateLimited(ApiRequest request)
    {
        var who = request.Caller.Kind switch
        {
            CallerKind.Installation => $"installation ID {request.Caller.InstallationId}",
            CallerKind.User => $"user ID {GitObjects.StableId(request.Caller.Login!)}",
            _ => "127.0.0.1",
        };
        return ApiResult.Message(403, $"API rate limit exceeded for {who}.", "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api");
    }

    private async Task<ApiRequest> ReadAsync(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
        var q = raw.IndexOf('?', StringComparison.Ordinal);
        var rawPath = q < 0 ? raw : raw[..q];
        var path = rawPath.StartsWith(_prefix + "/", StringComparison.Ordinal) ? rawPath[_prefix.Length..] : "~" + rawPath;
        string? body;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }

        var request = new ApiRequest
        {
            Method = context.Request.Method.ToUpperInvariant(),
            Path = path,
            Segments = path.StartsWith('/') ? PathTemplate.Split(path) : [],
            Query = context.Request.Query.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal),
            RawQuery = q < 0 ? "" : raw[q..],
            Body = body.Length == 0 ? null : body,
            Accept = context.Request.Headers.Accept.ToString(),
            Authorization = context.Request.Headers.Authorization.ToString(),
        };

        // Identify the caller early so concurrent writes are counted per installation even before routing.
        var (_, credential) = SplitAuthorization(request.Authorization);
        if (credential is not null && _state.Tokens.Resolve(credential) is { } caller)
        {
            request.Caller = caller;
        }

        return request;
    }

    private static async Task<string?> WriteAsync(HttpContext context, ApiResult result, Dictionary<string, string> headers)
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

        response.Headers["x-github-api-version-selected"] = "2022-11-28";
        response.Headers["x-github-request-id"] = Guid.NewGuid().ToString("N")[..20].ToUpperInvariant();
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
        response.ContentType = "application/json; charset=utf-8";
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
        500 => "Internal Server Error",
        502 => "Server Error",
        503 => "Service Unavailable",
        504 => "We couldn't respond to your request in time. Sorry about that. Please try resubmitting your request and contact us if the problem persists.",
        403 => "Forbidden",
        404 => "Not Found",
        429 => "Too Many Requests",
        _ => "Error " + status.ToString(CultureInfo.InvariantCulture),
    };
}

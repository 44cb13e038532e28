using System.Globalization;
using System.Text.Json.Nodes;
using KernelPrBot.Testing.FakeForge;
using Microsoft.AspNetCore.Http;

namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>
/// Every request goes through here: delay and failure faults, credentials, the primary rate limit, OpenAPI validation,
/// then the endpoint; the exchange is recorded and reported.
/// </summary>
internal sealed class RequestPipeline : ForgePipeline<ApiRequest, ApiResult>
{
    private readonly ServerState _state;
    private readonly Router _router = new();
    private readonly string _prefix;

    public RequestPipeline(ServerState state, FaultInjector faults, Uri baseUrl, Action<RecordedRequest> completed)
        : base(faults, state.Log, state.Options.Time, completed)
    {
        _state = state;
        _prefix = baseUrl.AbsolutePath.TrimEnd('/');
        AppEndpoints.Map(_router, state);
        RepositoryEndpoints.Map(_router, state);
        PullEndpoints.Map(_router, state);
        ReviewEndpoints.Map(_router, state);
        IssueEndpoints.Map(_router, state);
        CheckEndpoints.Map(_router, state);
    }

    protected override string JsonContentType => "application/json; charset=utf-8";

    protected override string WriterOf(ApiRequest request) => request.Caller.RateKey; // authentication may still replace the caller

    protected override string? ActorOf(ApiRequest request) => request.Caller.Login;

    protected override ApiResult Create(int status, JsonNode? json) => new(status, json);

    protected override ApiResult Failed(Exception e) => ApiResult.Message(500, "fake GitHub error: " + e.Message);

    /// <summary>A faulted request still counts against the primary rate limit.</summary>
    protected override void OnFaulted(ApiRequest request, Dictionary<string, string> headers) => _state.Limits.Take(request.Caller, false, headers);

    protected override void AddForgeHeaders(IHeaderDictionary headers)
    {
        headers["x-github-api-version-selected"] = "2022-11-28";
        headers["x-github-request-id"] = Guid.NewGuid().ToString("N")[..20].ToUpperInvariant();
    }

    protected override ApiResult Route(ApiRequest request, Dictionary<string, string> headers)
    {
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

    protected override async Task<ApiRequest> ReadAsync(HttpContext context)
    {
        var target = await RequestTarget.ReadAsync(context, _prefix).ConfigureAwait(false);
        var request = new ApiRequest
        {
            Method = target.Method,
            Path = target.Path,
            Segments = target.Segments,
            Query = context.Request.Query.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal),
            RawQuery = target.RawQuery,
            Body = target.BodyOrNull,
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

    protected override string Reason(int status) => status switch
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

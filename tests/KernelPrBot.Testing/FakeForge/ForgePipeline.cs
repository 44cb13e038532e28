using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using KernelPrBot.Testing.FakeGitHub;
using Microsoft.AspNetCore.Http;

namespace KernelPrBot.Testing.FakeForge;

/// <summary>
/// The request handling both fakes share: delay and failure faults, counting concurrent writes, turning a handler's
/// exception into a 500 and a violation, writing the response, then recording and reporting the exchange.
/// Subclasses read the request, route it and shape responses as their forge does.
/// </summary>
internal abstract class ForgePipeline<TRequest, TResult>
    where TRequest : IForgeRequest
    where TResult : IForgeResult
{
    private readonly FaultInjector _faults;
    private readonly ViolationLog _violations;
    private readonly TimeProvider _time;
    private readonly Action<RecordedRequest> _completed;
    private readonly List<RecordedRequest> _requests = [];
    private readonly WriteCounter _writes = new();

    protected ForgePipeline(FaultInjector faults, ViolationLog violations, TimeProvider time, Action<RecordedRequest> completed)
    {
        _faults = faults;
        _violations = violations;
        _time = time;
        _completed = completed;
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

    public int MaxConcurrentWrites => _writes.Max;

    /// <summary>The content type of JSON responses.</summary>
    protected abstract string JsonContentType { get; }

    public async Task HandleAsync(HttpContext context)
    {
        var started = _time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var request = await ReadAsync(context).ConfigureAwait(false);
        var isWrite = request.Method is "POST" or "PATCH" or "PUT" or "DELETE";
        var writer = WriterOf(request);
        if (isWrite)
        {
            _writes.Enter(writer);
        }

        TResult result;
        FaultInjector.Rule? fault = null;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            fault = _faults.TakeFailure(request.Method, request.Path);
            var delay = _faults.TakeDelay(request.Method, request.Path);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, context.RequestAborted).ConfigureAwait(false);
            }

            if (fault?.Wait > TimeSpan.Zero)
            {
                // A stall runs its course even when the client gives up, so the fake records it like GitHub's logs would.
                await Task.Delay(fault.Wait, CancellationToken.None).ConfigureAwait(false);
            }

            if (fault?.Reset == FaultInjector.FaultReset.BeforeActing)
            {
                Abort(context, request, started, clock);
                return;
            }

            result = fault?.Reset == FaultInjector.FaultReset.AfterActing ? Route(request, headers) : Process(request, headers, fault);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _violations.Add(request.Method, request.Path, "the fake failed: " + e);
            result = Failed(e);
        }
        finally
        {
            if (isWrite)
            {
                _writes.Leave(writer);
            }
        }

        if (fault?.Reset == FaultInjector.FaultReset.AfterActing)
        {
            Abort(context, request, started, clock);
            return;
        }

        var body = await WriteAsync(context, result, headers).ConfigureAwait(false);
        Record(new RecordedRequest(request.Method, request.Path, request.RawQuery, request.Body, result.Status, started, clock.Elapsed,
            ActorOf(request), context.Request.Headers.Accept.ToString(), body));
    }

    /// <summary>Drops the connection without an answer, as a proxy or a crashing node would; recorded with status 0.</summary>
    private void Abort(HttpContext context, TRequest request, DateTimeOffset started, Stopwatch clock)
    {
        // Recorded first, so a client that sees the reset finds the request in the log.
        Record(new RecordedRequest(request.Method, request.Path, request.RawQuery, request.Body, RecordedRequest.ResetStatus, started, clock.Elapsed,
            ActorOf(request), context.Request.Headers.Accept.ToString(), null));
        context.Abort();
    }

    private void Record(RecordedRequest recorded)
    {
        lock (_requests)
        {
            _requests.Add(recorded);
        }

        try
        {
            _completed(recorded);
        }
        catch (Exception e)
        {
            // A test's handler failing must not look like a fake failure; it is listed so the test sees it.
            _violations.Add(recorded.Method, recorded.Path, "RequestCompleted handler threw: " + e.Message);
        }
    }

    protected abstract Task<TRequest> ReadAsync(HttpContext context);

    /// <summary>Whose writes count together, known before routing.</summary>
    protected abstract string WriterOf(TRequest request);

    /// <summary>The login the request acted as, once handled.</summary>
    protected abstract string? ActorOf(TRequest request);

    /// <summary>Everything after the fault check: routing, credentials, limits, validation and the endpoint.</summary>
    protected abstract TResult Route(TRequest request, Dictionary<string, string> headers);

    /// <summary>A response with the forge's own status and body shape.</summary>
    protected abstract TResult Create(int status, JsonNode? json);

    /// <summary>The answer when the fake itself throws.</summary>
    protected abstract TResult Failed(Exception e);

    /// <summary>The <c>message</c> of a fault injected without a body.</summary>
    protected abstract string Reason(int status);

    /// <summary>Called before a faulted request is answered (e.g. to count it against a rate limit).</summary>
    protected virtual void OnFaulted(TRequest request, Dictionary<string, string> headers)
    {
    }

    /// <summary>Headers the forge puts on every response (request ids, API version).</summary>
    protected abstract void AddForgeHeaders(IHeaderDictionary headers);

    private TResult Process(TRequest request, Dictionary<string, string> headers, FaultInjector.Rule? fault)
    {
        if (fault is null)
        {
            return Route(request, headers);
        }

        OnFaulted(request, headers);
        var faulted = Create(fault.Status, fault.Body is null ? new JsonObject { ["message"] = Reason(fault.Status) } : JsonNode.Parse(fault.Body));
        foreach (var (name, value) in fault.Headers ?? [])
        {
            faulted.Headers[name] = value;
        }

        return faulted;
    }

    private async Task<string?> WriteAsync(HttpContext context, TResult result, Dictionary<string, string> headers)
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

        AddForgeHeaders(response.Headers);
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
        response.ContentType = JsonContentType;
        await response.WriteAsync(text, context.RequestAborted).ConfigureAwait(false);
        return text;
    }
}

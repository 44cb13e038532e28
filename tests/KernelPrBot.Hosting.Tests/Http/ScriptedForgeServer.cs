using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KernelPrBot.Hosting.Tests.Http;

/// <summary>
/// A real HTTP server on 127.0.0.1 that answers requests from a script (the n-th request gets the n-th step,
/// the last step repeats) and records when each request arrived and how many writes of one credential overlapped.
/// </summary>
internal sealed class ScriptedForgeServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _writesInFlight = new();
    private readonly Lock _gate = new();
    private Func<HttpContext, Task>[] _script = [Reply(200)];
    private int _count;
    private int _writesInFlightTotal;
    private int _inFlight;

    private ScriptedForgeServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public List<Arrival> Arrivals { get; } = [];

    /// <summary>The most writes of one Authorization value seen in flight at once.</summary>
    public int MaxConcurrentWritesPerKey { get; private set; }

    /// <summary>The most writes of any credentials seen in flight at once.</summary>
    public int MaxConcurrentWrites { get; private set; }

    /// <summary>The most requests of any kind seen in flight at once.</summary>
    public int MaxConcurrentRequests { get; private set; }

    public int Count => Volatile.Read(ref _count);

    public static async Task<ScriptedForgeServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new ScriptedForgeServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseAddress = new Uri(address + "/");
        return server;
    }

    public void Script(params Func<HttpContext, Task>[] steps) => _script = steps;

    public static Func<HttpContext, Task> Reply(int status, params (string Name, string Value)[] headers) => Reply(status, "{}", headers);

    public static Func<HttpContext, Task> Reply(int status, string body, params (string Name, string Value)[] headers) => async context =>
    {
        context.Response.StatusCode = status;
        foreach (var (name, value) in headers)
        {
            context.Response.Headers[name] = value;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    };

    /// <summary>Answers with the request's own body, to show a resent request still carries it.</summary>
    public static Func<HttpContext, Task> Echo(int status) => async context =>
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        await Reply(status, body)(context);
    };

    public static Func<HttpContext, Task> Slow(TimeSpan delay, int status = 200) => async context =>
    {
        try
        {
            await Task.Delay(delay, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await Reply(status)(context);
    };

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var index = Interlocked.Increment(ref _count) - 1;
        var key = context.Request.Headers.Authorization.ToString();
        var isWrite = !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method);
        var arrival = new Arrival(DateTimeOffset.UtcNow, context.Request.Method, key);
        lock (_gate)
        {
            Arrivals.Add(arrival);
            MaxConcurrentRequests = Math.Max(MaxConcurrentRequests, ++_inFlight);
            if (isWrite)
            {
                MaxConcurrentWritesPerKey = Math.Max(MaxConcurrentWritesPerKey, _writesInFlight.AddOrUpdate(key, 1, (_, n) => n + 1));
                MaxConcurrentWrites = Math.Max(MaxConcurrentWrites, ++_writesInFlightTotal);
            }
        }

        try
        {
            var script = _script;
            await script[Math.Min(index, script.Length - 1)](context);
        }
        finally
        {
            lock (_gate)
            {
                _inFlight--;
                if (isWrite)
                {
                    _writesInFlight.AddOrUpdate(key, 0, (_, n) => n - 1);
                    _writesInFlightTotal--;
                    arrival.End = DateTimeOffset.UtcNow;
                }
            }
        }
    }

    internal sealed class Arrival(DateTimeOffset at, string method, string authorization)
    {
        public DateTimeOffset At { get; } = at;

        public string Method { get; } = method;

        public string Authorization { get; } = authorization;

        public DateTimeOffset? End { get; set; }
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KernelPrBot.Testing.FakeForge;

/// <summary>
/// Kestrel on 127.0.0.1 at a free port. Requests wait until <see cref="Serve"/> names the handler, because a fake's
/// state needs the address the host only learns once it has started.
/// </summary>
internal sealed class ForgeHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TaskCompletionSource<RequestDelegate> _handler = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ForgeHost(WebApplication app)
    {
        _app = app;
        app.Run(async context =>
        {
            var handler = await _handler.Task.ConfigureAwait(false);
            await handler(context).ConfigureAwait(false);
        });
    }

    /// <summary>The listening address, ending with "/".</summary>
    public Uri Root { get; private set; } = null!;

    public static async Task<ForgeHost> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var host = new ForgeHost(builder.Build());
        await host._app.StartAsync().ConfigureAwait(false);
        var address = host._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host.Root = new Uri(address.TrimEnd('/') + "/");
        return host;
    }

    /// <summary>Starts answering: requests that arrived earlier are released to <paramref name="handler"/>.</summary>
    public void Serve(RequestDelegate handler) => _handler.SetResult(handler);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}

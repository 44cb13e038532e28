using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace KernelPrBot.Sandbox;

/// <summary>
/// <c>bare --urls URL</c>: the load baseline. The same ASP.NET Core host and route as the bot's GitHub webhook
/// endpoint, reading the whole body and answering 202 — without verifying, parsing, de-duplicating or queueing.
/// </summary>
internal static class Bare
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var app = builder.Build();
        app.MapGet("/healthz", () => "ok");
        app.MapPost("/api/github/webhooks", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            return Results.StatusCode(StatusCodes.Status202Accepted);
        });
        await app.RunAsync();
        return 0;
    }
}

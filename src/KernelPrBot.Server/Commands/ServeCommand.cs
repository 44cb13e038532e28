using KernelPrBot.Cli;
using KernelPrBot.Hosting.Server;
using Microsoft.AspNetCore.Builder;

namespace KernelPrBot.Server.Commands;

/// <summary>
/// <c>kernel-pr-bot serve [--urls URL] [--KernelPrBot:Section:Key=value …]</c>: the self-hosted bot. Settings come
/// from appsettings.json, KernelPrBot__… environment variables and the command line (DESIGN.md §9).
/// </summary>
public static class ServeCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter stderr)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            stderr.WriteLine("usage: kernel-pr-bot serve [--urls URL] [--KernelPrBot:GitHub:Token=… and other settings]");
            return ExitCodes.Clean;
        }

        WebApplication app;
        try
        {
            app = KernelPrBotServer.Build(args.ToArray());
        }
        catch (InvalidOperationException ex)
        {
            throw new UsageException("serve: " + ex.Message);
        }

        app.Run();
        return ExitCodes.Clean;
    }
}

using KernelPrBot.Cli;
using KernelPrBot.Server.Commands;

namespace KernelPrBot.Server;

/// <summary>Runs <c>serve</c> and <c>replay</c>; every other command goes to <see cref="CliApp"/>, in this process.</summary>
public static class ServerApp
{
    public static int Run(IReadOnlyList<string> args, Stream stdin, TextWriter stdout, TextWriter stderr, bool stdoutIsTerminal, bool stderrIsTerminal = false)
    {
        if (args.Count == 0 || args[0] is not ("serve" or "replay"))
        {
            return CliApp.Run(args, stdin, stdout, stderr, stdoutIsTerminal, stderrIsTerminal);
        }

        try
        {
            var rest = args.Skip(1).ToList();
            return args[0] == "serve" ? ServeCommand.Run(rest, stderr) : ReplayCommand.Run(rest, stdout);
        }
        catch (Exception ex) when (CliApp.DescribeError(ex) is { } message)
        {
            stderr.WriteLine($"kernel-pr-bot: {message}");
            return ExitCodes.UsageOrInput;
        }
    }
}

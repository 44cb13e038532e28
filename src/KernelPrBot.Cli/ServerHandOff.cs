using System.Runtime.InteropServices;

namespace KernelPrBot.Cli;

/// <summary>
/// <c>serve</c> and <c>replay</c> live in <c>kernel-pr-bot-server</c> (ASP.NET Core, Octokit, queues), which cannot be
/// compiled ahead of time like this program. The server program replaces this process (exec), so it keeps the process
/// id, the standard streams and the signals a supervisor sends.
/// </summary>
public static partial class ServerHandOff
{
    public const string ServerName = "kernel-pr-bot-server";

    public static int Run(IReadOnlyList<string> args)
    {
        var (program, argv) = Command(args, AppContext.BaseDirectory, Environment.ProcessPath, File.Exists)
            ?? throw new UsageException($"{args[0]} is run by {ServerName}, which is not installed next to this program ({AppContext.BaseDirectory}); publish both with scripts/publish.sh, or use 'dotnet run --project src/KernelPrBot.Server -- {args[0]}'");
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            throw new UsageException($"{args[0]}: run {program} directly on this system");
        }

        Console.Out.Flush();
        Console.Error.Flush();
        Exec(program, [.. argv, null]);
        // exec only returns when it failed.
        throw new UsageException($"{args[0]}: could not start {program} (errno {Marshal.GetLastPInvokeError()})");
    }

    /// <summary>
    /// The program to exec and its argv: the server's own launcher next to this program, else its .dll run by the
    /// dotnet host that runs this process (tests and <c>dotnet kernel-pr-bot.dll</c>). Null when neither is there.
    /// </summary>
    public static (string Program, string[] Argv)? Command(IReadOnlyList<string> args, string baseDirectory, string? processPath, Func<string, bool> exists)
    {
        var launcher = Path.Combine(baseDirectory, ServerName);
        if (exists(launcher))
        {
            return (launcher, [launcher, .. args]);
        }

        var dll = Path.Combine(baseDirectory, ServerName + ".dll");
        var host = processPath is not null && Path.GetFileNameWithoutExtension(processPath) == "dotnet" ? processPath : null;
        return host is not null && exists(dll) ? (host, [host, dll, .. args]) : null;
    }

    [LibraryImport("libc", EntryPoint = "execv", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Exec(string path, string?[] argv);
}

using KernelPrBot.Cli.Commands;

namespace KernelPrBot.Cli;

/// <summary>Dispatches a command line to its command; turns usage and input errors into one line on stderr and exit 2.</summary>
public static class CliApp
{
    public const string Usage = """
        usage: kernel-pr-bot <command> [options]

        commands:
          check [--tree DIR] [--index FILE] [--git DIR] [--config FILE] [--format text|json|sarif|github]
                [--fail-on error|warning|note|never] [--submitter "Name <addr>"] [--maintainers] [--stats]
                <patch files | dir | - | revision range>
                    check patches (git format-patch mails, git diff, unified diffs, or commits of a git range)
          index --tree DIR -o FILE | index --verify FILE
                    build the symbol index of a kernel tree (for check --index), or check one
          rules [--markdown]
                    list the rules
          serve [--urls URL] [--KernelPrBot:Key=value ...]
                    run the bot: webhook endpoints, durable queue, review workers (settings: README)
          replay --list | --dead-letters [--id ID] | --payload FILE --event NAME
                    show or re-drive dead letters, or dry-run a saved webhook payload
        'kernel-pr-bot COMMAND --help' describes a command.
        exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or input error
        """;

    public static int Run(IReadOnlyList<string> args, Stream stdin, TextWriter stdout, TextWriter stderr, bool stdoutIsTerminal, bool stderrIsTerminal = false)
    {
        try
        {
            if (args.Count == 0 || args[0] is "-h" or "--help" or "help")
            {
                stdout.WriteLine(Usage);
                return args.Count == 0 ? ExitCodes.UsageOrInput : ExitCodes.Clean;
            }

            var rest = args.Skip(1).ToList();
            if (CommandHelp.For(args[0]) is { } help && CommandHelp.Asked(rest))
            {
                stdout.WriteLine(help);
                return ExitCodes.Clean;
            }

            return args[0] switch
            {
                "check" => CheckCommand.Run(rest, stdin, stdout, stdoutIsTerminal, stderr, stderrIsTerminal),
                "rules" => RulesCommand.Run(rest, stdout),
                "index" => IndexCommand.Run(rest, stderr, stderrIsTerminal),
                "serve" or "replay" => ServerHandOff.Run(args),
                "--version" or "version" => Version(stdout),
                _ => throw new UsageException($"unknown command '{args[0]}'; the commands are check, index, rules, serve and replay"),
            };
        }
        catch (Exception ex) when (DescribeError(ex) is { } message)
        {
            stderr.WriteLine($"kernel-pr-bot: {message}");
            return ExitCodes.UsageOrInput;
        }
    }

    /// <summary>The one-line message for an error that is the user's input, not a bug; null for anything else.</summary>
    public static string? DescribeError(Exception ex) => ex switch
    {
        UsageException or KernelPrBot.Checks.Index.IndexFormatException or IOException or UnauthorizedAccessException => ex.Message,
        _ => null,
    };

    private static int Version(TextWriter stdout)
    {
        stdout.WriteLine($"kernel-pr-bot {Checks.ProductVersion.Current}");
        return ExitCodes.Clean;
    }
}

using System.Text;

namespace KernelPrBot.Cli.Tests;

/// <summary>Runs the CLI in-process with captured streams.</summary>
internal sealed record CliRun(int Exit, string Stdout, string Stderr)
{
    public static CliRun Of(string[] args, string stdin = "")
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(stdin));
        var exit = CliApp.Run(args, input, stdout, stderr, stdoutIsTerminal: false);
        return new CliRun(exit, stdout.ToString(), stderr.ToString());
    }
}

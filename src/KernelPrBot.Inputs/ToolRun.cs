using System.Diagnostics;

namespace KernelPrBot.Inputs;

/// <summary>What one run of a trusted tool gave: its exit status and both outputs, or that it ran out of time.</summary>
public sealed record ToolResult(int ExitCode, string Stdout, string Stderr, bool TimedOut)
{
    /// <summary>The first non-empty line of standard error, or the exit status: what a problem line quotes.</summary>
    public string Why => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? $"exit status {ExitCode}";
}

/// <summary>
/// Runs a trusted tool (the base tree's checkpatch.pl, git) the one way the hosts do: standard input written and
/// closed, both outputs read at once so that neither pipe fills, and the process killed with its children when it runs
/// past its time. Starting it may throw <see cref="System.ComponentModel.Win32Exception"/> or <see cref="IOException"/>;
/// callers say what that means for them.
/// </summary>
public static class ToolRun
{
    public static ToolResult Run(ProcessStartInfo start, byte[]? input, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.RedirectStandardInput = input is not null;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start) ?? throw new IOException($"{start.FileName} could not be started");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            process.StandardInput.BaseStream.Write(input);
            process.StandardInput.Close();
        }

        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new ToolResult(-1, string.Empty, string.Empty, true);
        }

        return new ToolResult(process.ExitCode, stdout.Result, stderr.Result, false);
    }
}

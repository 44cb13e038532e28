using System.Diagnostics;
using System.Globalization;

namespace KernelPrBot.Cli;

/// <summary>
/// One progress line on a terminal (<c>\rchecking 120/410 patches</c>), redrawn at most ten times a second and
/// cleared at the end. Draws nothing when the writer is not a terminal or the work is short.
/// </summary>
public sealed class TerminalProgress(TextWriter writer, bool isTerminal, int minimumTotal = 20)
{
    private readonly Lock _gate = new();
    private readonly Stopwatch _sinceDrawn = Stopwatch.StartNew();
    private bool _drawn;

    public void Report(string what, int done, int total)
    {
        if (!isTerminal || total < minimumTotal)
        {
            return;
        }

        lock (_gate)
        {
            if (done < total && _drawn && _sinceDrawn.ElapsedMilliseconds < 100)
            {
                return;
            }

            writer.Write(string.Create(CultureInfo.InvariantCulture, $"\r\u001b[K{what} {done:N0}/{total:N0}"));
            _drawn = true;
            _sinceDrawn.Restart();
        }
    }

    /// <summary>Clears the line, so that what follows starts at the left margin.</summary>
    public void Done()
    {
        lock (_gate)
        {
            if (_drawn)
            {
                writer.Write("\r\u001b[K");
                _drawn = false;
            }
        }
    }
}

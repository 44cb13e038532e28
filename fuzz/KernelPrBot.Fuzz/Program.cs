using KernelPrBot.Testing.Fuzzing;
using SharpFuzz;

namespace KernelPrBot.Fuzz;

/// <summary>
/// <c>KernelPrBot.Fuzz TARGET</c> serves afl-fuzz (scripts/fuzz.sh starts it); <c>KernelPrBot.Fuzz TARGET FILE|DIR...</c>
/// replays inputs and prints the first failure of each, to triage what a campaign found.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 0 || !FuzzTargets.All.TryGetValue(args[0], out var target))
        {
            Console.Error.WriteLine($"usage: KernelPrBot.Fuzz {string.Join('|', FuzzTargets.All.Keys)} [FILE|DIR...]");
            return 2;
        }

        if (args.Length > 1)
        {
            return Replay.Run(target, args[1..], Console.Out);
        }

        // Out of process: a stack overflow or a hang kills only the child, and afl-fuzz records the input.
        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            target(buffer.ToArray());
        });
        return 0;
    }
}

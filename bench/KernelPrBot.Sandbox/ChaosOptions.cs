using System.Globalization;

namespace KernelPrBot.Sandbox;

/// <summary>The <c>chaos</c> command line.</summary>
internal sealed record ChaosOptions(string Forge, int Events, double FaultRate, int Kills, int Seed, int Doomed)
{
    public const string Usage =
        "chaos [--forge github|gitlab|both] [--events 200] [--fault-rate 0.2] [--kills 3] [--doomed 3] [--seed 1]";

    public static ChaosOptions Parse(string[] args)
    {
        var forge = Text(args, "--forge") ?? "github";
        if (forge is not ("github" or "gitlab" or "both"))
        {
            throw new ArgumentException($"--forge must be github, gitlab or both, not '{forge}'");
        }

        return new ChaosOptions(forge, (int)Number(args, "--events", 200), Number(args, "--fault-rate", 0.2), (int)Number(args, "--kills", 3),
            (int)Number(args, "--seed", 1), (int)Number(args, "--doomed", 3));
    }

    private static string? Text(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    private static double Number(string[] args, string name, double fallback) =>
        Text(args, name) is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;
}

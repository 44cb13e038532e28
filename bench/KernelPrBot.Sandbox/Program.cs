namespace KernelPrBot.Sandbox;

/// <summary>
/// The bot against a fake GitHub on this machine: <c>demo</c> shows a review from webhook to posted comments;
/// <c>measure</c> prints ingress latency and throughput and the bot-side time of a 1,000-line pull request;
/// <c>chaos</c> drives a killed-and-restarted server through random GitHub or GitLab failures and checks what it left;
/// <c>bare</c> is the bare ASP.NET Core endpoint that scripts/load.sh measures the webhook endpoint against.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "demo":
                return await Demo.RunAsync(Console.Out);
            case "chaos":
                return await Chaos.RunAsync(args.Skip(1).ToArray(), Console.Out);
            case "bare":
                return await Bare.RunAsync(args.Skip(1).ToArray());
            case "measure":
                return await Measure.RunAsync(args.Skip(1).ToArray(), Console.Out);
            default:
                await Console.Error.WriteLineAsync("usage: KernelPrBot.Sandbox demo | measure [--deliveries N] [--pr-runs N] | " + ChaosOptions.Usage + " | bare --urls URL");
                return 2;
        }
    }
}

namespace KernelPrBot.Sandbox;

/// <summary>
/// The bot against a fake GitHub on this machine: <c>demo</c> shows a review from webhook to posted comments;
/// <c>measure</c> prints ingress latency and throughput and the bot-side time of a 1,000-line pull request.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "demo":
                return await Demo.RunAsync(Console.Out);
            case "measure":
                return await Measure.RunAsync(args.Skip(1).ToArray(), Console.Out);
            default:
                await Console.Error.WriteLineAsync("usage: KernelPrBot.Sandbox demo | measure [--deliveries N] [--pr-runs N]");
                return 2;
        }
    }
}

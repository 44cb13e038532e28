using KernelPrBot.Hosting.Queues;
namespace KernelPrBot.Sandbox;

/// <summary>One pull or merge request of the chaos run, the deliveries still to send for it, and what its head should show.</summary>
internal sealed class ChaosPullRequest(string repository, int number, bool buggy, bool doomed)
{
    public string Repository { get; } = repository;

    public int Number { get; } = number;

    /// <summary>Whether the head has the sleeping allocation under the spinlock.</summary>
    public bool Buggy { get; set; } = buggy;

    /// <summary>Whether the fake fails every read of its change for good, so each of its jobs must end as a dead letter.</summary>
    public bool Doomed { get; } = doomed;

    /// <summary>Steps in order; each returns the deliveries to post (a duplicate is the same delivery twice).</summary>
    public Queue<Func<IReadOnlyList<ChaosDelivery>>> Steps { get; } = new();

    public string Name => $"{Repository}#{Number}";

    public static string Driver(bool buggy, string tag) =>
        (buggy ? KernelPrBot.Testing.FakeGitHub.SampleDriver.Buggy : KernelPrBot.Testing.FakeGitHub.SampleDriver.Fixed) + $"/* {tag} */\n";

    public bool Owns(KernelPrBot.Hosting.Queues.DeadLetter letter) => letter.Request.Repository == Repository && letter.Request.Number == Number;
}

using KernelPrBot.Testing.FakeGitHub;

namespace KernelPrBot.Sandbox;

/// <summary>One pull request of the chaos run, the deliveries still to send for it, and whether its head should be flagged.</summary>
internal sealed class ChaosPullRequest(FakeRepository repo, FakePullRequest pr, bool buggy)
{
    public FakeRepository Repo { get; } = repo;

    public FakePullRequest Pr { get; } = pr;

    /// <summary>Whether the head has the sleeping allocation under the spinlock.</summary>
    public bool Buggy { get; set; } = buggy;

    /// <summary>Steps in order; each returns the deliveries to post (a duplicate is the same delivery twice).</summary>
    public Queue<Func<IReadOnlyList<WebhookDelivery>>> Steps { get; } = new();

    public string Name => $"{Repo.FullName}#{Pr.Number}";

    public static string Driver(bool buggy, string tag) => (buggy ? SampleDriver.Buggy : SampleDriver.Fixed) + $"/* {tag} */\n";
}

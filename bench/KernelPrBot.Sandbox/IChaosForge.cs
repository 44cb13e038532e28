using KernelPrBot.Hosting.Queues;
using KernelPrBot.Review.Ports;
using KernelPrBot.Testing.FakeGitHub;

namespace KernelPrBot.Sandbox;

/// <summary>A fake forge under chaos: what the run drives and what it checks afterwards.</summary>
internal interface IChaosForge : IAsyncDisposable
{
    /// <summary>github or gitlab.</summary>
    string Name { get; }

    FaultInjector Faults { get; }

    IReadOnlyList<RecordedRequest> Requests { get; }

    /// <summary>Requests the real forge would reject.</summary>
    IReadOnlyList<string> Violations { get; }

    /// <summary>Relative to the bot's root.</summary>
    string WebhookPath { get; }

    /// <summary>The settings that point <c>kernel-pr-bot serve</c> at this fake.</summary>
    IReadOnlyList<string> BotSettings(string queuePath);

    /// <summary>
    /// Opens pull requests with their steps until they add up to <paramref name="events"/> deliveries; the first
    /// <paramref name="doomed"/> can never be read.
    /// </summary>
    IReadOnlyList<ChaosPullRequest> Plan(int events, int doomed);

    /// <summary>Whether the pull request shows the dead letter as an errored or failed status carrying the reason.</summary>
    bool Reported(ChaosPullRequest pr, DeadLetter letter);

    /// <summary>Adds the forge's own invariants (summaries, comments, labels, statuses) to the report.</summary>
    void Check(IReadOnlyList<ChaosPullRequest> prs, IReadOnlyList<DeadLetter> dead, ChaosReport report);
}

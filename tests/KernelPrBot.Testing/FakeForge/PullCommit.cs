using KernelPrBot.Testing.FakeGitHub;

namespace KernelPrBot.Testing.FakeForge;

/// <summary>A commit of a pull or merge request: its SHA, its parent's and when it was pushed.</summary>
internal sealed record PullCommit(string Sha, string Parent, FakeCommit Commit, DateTimeOffset Date);

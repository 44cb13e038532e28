namespace KernelPrBot.Testing.FakeGitLab;

/// <summary>A user of the fake and the token that acts as it.</summary>
public sealed record GitLabUser(long Id, string Username, string Name, string Token, bool IsBot);

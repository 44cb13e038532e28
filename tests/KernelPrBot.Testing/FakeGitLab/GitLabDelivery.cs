namespace KernelPrBot.Testing.FakeGitLab;

/// <summary>A webhook delivery as GitLab would POST it: body bytes plus headers (the secret travels in <c>X-Gitlab-Token</c>).</summary>
public sealed record GitLabDelivery(string Event, byte[] Body, IReadOnlyDictionary<string, string> Headers);

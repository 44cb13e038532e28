using KernelPrBot.Checks.Source;

namespace KernelPrBot.Checks.Rules.Api;

/// <summary>The names the api rules check as calls in a code view (for tools and scorers).</summary>
public static class CallSites
{
    public static IReadOnlySet<string> Names(CodeView view) => CallFinder.AddedCalls(view).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
}

using System.Text.RegularExpressions;

namespace KernelPrBot.Checks.Kernel;

/// <summary>
/// Names and addresses of AI coding tools and agents. Documentation/process/coding-assistants.rst: "AI agents
/// MUST NOT add Signed-off-by tags"; the tool belongs in an <c>Assisted-by:</c> trailer instead.
/// Tool names that are also given names (Claude, Devin, Cody, Jules) match only when the whole name is the
/// tool, optionally with a model or version ("Claude", "claude-opus-4", "Gemini 2.5 Pro"), or by address.
/// </summary>
public static partial class AiAgentNames
{
    [GeneratedRegex(@"\b(chatgpt|gpt-?[345](?:\.\d)?o?|openai|anthropic|copilot|codewhisperer|tabnine|windsurf|codeium|deepseek|qwen|amazon\s+q|sourcegraph\s+cody|replit\s+agent|claude\s+code|(?:ai|llm|coding)[\s-]+(?:agent|assistant|bot))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex DistinctiveName { get; }

    // The version words are atomic: '_' is both a separator and a word character, so "1_1_1_…!" could otherwise
    // be split in exponentially many ways before failing.
    [GeneratedRegex(@"^(claude|gemini|bard|codex|cursor|aider|grok|llama|mistral|devin|cody|jules)(?:[\s:_-]+(?:opus|sonnet|haiku|pro|flash|ultra|code|agent|assistant|ai|bot|(?>\d[\w.]*)|(?>v\d[\w.]*)))*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    internal static partial Regex WholeToolName { get; }

    [GeneratedRegex(@"@(anthropic\.com|openai\.com|cursor\.(?:sh|com)|cognition\.ai|devin\.ai|codeium\.com|tabnine\.com|deepseek\.com|mistral\.ai|x\.ai)$|^(copilot|claude|chatgpt|gemini|devin|cursoragent|codex)[@+]|\[bot\]@|^\d+\+copilot@", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex AddressPattern { get; }

    /// <summary>Returns what matched when the identity looks like an AI tool, else null.</summary>
    public static string? Match(string name, string email)
    {
        var trimmed = name.Trim();
        var distinctive = DistinctiveName.Match(trimmed);
        if (distinctive.Success)
        {
            return distinctive.Value;
        }

        if (WholeToolName.IsMatch(trimmed))
        {
            return trimmed;
        }

        return AddressPattern.IsMatch(email) ? email : null;
    }
}

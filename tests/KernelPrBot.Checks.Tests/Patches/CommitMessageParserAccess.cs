using KernelPrBot.Checks.Patches;

namespace KernelPrBot.Checks.Tests.Patches;

internal static class CommitMessageParserAccess
{
    public static (string Subject, PatchTag? Tag) Strip(string raw) => CommitMessageParser.StripSubjectPrefix(raw);
}

using KernelPrBot.Checks.Kernel;
using KernelPrBot.Checks.Source;

namespace KernelPrBot.Checks.Rules.Api.Deprecated;

/// <summary>The interfaces deprecated.rst and checkpatch's deprecated list retire by name (simple_strto*(), strcpy(), …).</summary>
internal static class DeprecatedCallCheck
{
    /// <summary>Reports the call named at <paramref name="i"/> when its name is retired; true when it did.</summary>
    public static bool Check(FileContext context, CodeView view, IReadOnlyList<Token> code, int i, string name)
    {
        if (DeprecatedApis.Find(name) is not { } api)
        {
            return false;
        }

        // Gone from the tree (or no tree to ask): removed-api reports it as a call that does not build.
        if (RemovedCall.IsRemoved(name, context.Options.Symbols))
        {
            return true;
        }

        DeprecatedCode.Report(context, view, code[i].Line, $"{name}() is deprecated: {api.Reason}; use {api.Replacement}",
            "api:" + name + ":" + DeprecatedCode.ArgumentText(view, code, i + 1));
        return true;
    }
}

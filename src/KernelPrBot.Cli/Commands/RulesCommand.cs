using System.Text;
using KernelPrBot.Checks.Rules;
using KernelPrBot.Checks.Analysis;

namespace KernelPrBot.Cli.Commands;

/// <summary><c>kernel-pr-bot rules [--markdown]</c>: the rule catalogue.</summary>
public static class RulesCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter stdout)
    {
        var reader = new ArgumentReader(args, new HashSet<string>(), new HashSet<string> { "--markdown" });
        if (reader.Positional.Count > 0)
        {
            throw new UsageException($"'rules' takes no arguments, got '{reader.Positional[0]}'");
        }

        stdout.Write(reader.Has("--markdown") ? Markdown(RuleCatalog.All) : Plain(RuleCatalog.All));
        return ExitCodes.Clean;
    }

    public static string Markdown(IEnumerable<Rule> rules)
    {
        var sb = new StringBuilder();
        sb.Append("| id | category | default | what it finds |\n");
        sb.Append("|---|---|---|---|\n");
        foreach (var d in rules.Select(r => r.Descriptor))
        {
            sb.Append($"| [`{d.Id}`]({d.HelpLink}) | {d.Category.ToString().ToLowerInvariant()} | {d.DefaultSeverity.ToString().ToLowerInvariant()} | {d.Title} |\n");
        }

        return sb.ToString();
    }

    private static string Plain(IEnumerable<Rule> rules)
    {
        var sb = new StringBuilder();
        foreach (var d in rules.Select(r => r.Descriptor))
        {
            sb.Append($"{d.Id,-24} {d.Category.ToString().ToLowerInvariant(),-8} {d.DefaultSeverity.ToString().ToLowerInvariant(),-8} {d.Title}\n");
        }

        return sb.ToString();
    }
}

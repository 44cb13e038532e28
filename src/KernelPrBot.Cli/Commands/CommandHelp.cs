namespace KernelPrBot.Cli.Commands;

/// <summary>The help of each command, printed by <c>kernel-pr-bot COMMAND --help</c> (or <c>-h</c>).</summary>
public static class CommandHelp
{
    public const string Check = """
        usage: kernel-pr-bot check [options] <patch files | directory | - | revision range>

        Checks Linux kernel patches: git format-patch mails, git log -p / git show output, git diff and unified diffs.
        A directory means its *.patch, *.diff and *.mbox files in name order; '-' reads standard input. An argument
        that is not a file is read as a git revision: A..B (or A...B) checks the commits of that range, one revision
        checks that one commit, both through git format-patch in the repository of --git DIR (default: here).

        options:
          --tree DIR          the trusted kernel tree the series applies to: whole functions for the context rules,
                              its scripts/checkpatch.pl, LICENSES/ and .kernel-pr-bot.yml, and its symbol index
                              (built once, cached in $XDG_CACHE_HOME/kernel-pr-bot)
          --index FILE        a symbol index made by 'kernel-pr-bot index' (instead of indexing --tree)
          --git DIR           the git repository that revision ranges are read from
          --config FILE       rule settings (.kernel-pr-bot.yml format)
          --format F          text (default), json, sarif or github (workflow annotations)
          --fail-on L         exit 1 on findings at or above error (default), warning or note; never: exit 0
          --submitter WHO     "Name <address>" of the person sending the series: the last Signed-off-by must be theirs
          --maintainers       with --tree: the recipients from MAINTAINERS and a git send-email line
          --max-size-mb N     refuse inputs larger than N MiB (default 256)
          --color, --no-color colours in text output (default: on a terminal, unless NO_COLOR is set)
          --stats             print times and allocation on stderr
          --model-answers F   verify a model reviewer's recorded claims (JSON: {"model", "patches":[{"commit",
                              "claims":[{"file","line","kind","confidence","explanation"}]}]}) with the analysis;
                              confirmed claims are reported as the rule's findings, every claim's verdict is listed
          -h, --help          this help

        exit codes: 0 clean, 1 findings at or above --fail-on (or an input error in part of the input), 2 usage or input error
        examples:
          kernel-pr-bot check --tree ~/linux outgoing/
          kernel-pr-bot check --tree ~/linux --git ~/linux origin/master..HEAD
          git diff --function-context | kernel-pr-bot check -
        """;

    public const string Index = """
        usage: kernel-pr-bot index --tree DIR -o FILE
               kernel-pr-bot index --verify FILE

        Scans every .c and .h file of a kernel tree and writes its symbol index (functions with their parameter counts,
        macros, inline helpers, exported symbols, tracepoints, types, headers) for check --index. --verify loads an
        index, checks its format and checksum, and says what it holds.

        options:
          --tree DIR          the kernel tree to scan
          -o, --output FILE   where to write the index
          --verify FILE       check an existing index file
          -h, --help          this help
        """;

    public const string Rules = """
        usage: kernel-pr-bot rules [--markdown]

        Lists the rules: id, category, default severity and what each finds. --markdown prints the table of README.md.

        options:
          --markdown          a Markdown table
          -h, --help          this help
        """;

    /// <summary>The help of a command that has one here, or null (serve and replay answer --help themselves).</summary>
    public static string? For(string command) => command switch
    {
        "check" => Check,
        "index" => Index,
        "rules" => Rules,
        _ => null,
    };

    /// <summary>Whether the arguments ask for help: -h or --help before any "--".</summary>
    public static bool Asked(IEnumerable<string> args) =>
        args.TakeWhile(a => a != "--").Any(a => a is "-h" or "--help");
}

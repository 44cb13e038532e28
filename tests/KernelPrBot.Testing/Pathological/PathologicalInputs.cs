using System.Globalization;
using System.Text;

namespace KernelPrBot.Testing.Pathological;

/// <summary>
/// The hostile inputs the parsers, the lexer and the rules must get through in linear time. The scaling command
/// (bench/KernelPrBot.Benchmarks: <c>scaling</c>) times each at n, 2n, 4n and 8n; the tests run them small.
/// </summary>
public static class PathologicalInputs
{
    private const string Author = "Jane Developer <jane.developer@example.org>";

    public static IReadOnlyList<PathologicalFamily> All { get; } =
    [
        new("hunk-lines", "added lines in one hunk", 125_000, n => NewFile("drivers/misc/huge.c", n, (sb, i) =>
            sb.Append(CultureInfo.InvariantCulture, $"+\tvalue_{i} = compute(value_{i}, 42); /* padding */\n"))),
        new("long-line", "characters on one added line", 100_000, n => NewFile("drivers/misc/long.c", 1, (sb, _) =>
        {
            sb.Append("+int x = a");
            for (var k = 10; k < n; k += 4)
            {
                sb.Append(" + a");
            }

            sb.Append(";\n");
        })),
        new("nested-braces", "levels of if () { nesting in one function", 10_000, NestedBraces),
        new("block-comment", "lines of an unterminated /* comment at the end", 62_500, n => NewFile("drivers/misc/comment.c", 2 * n, (sb, i) =>
            sb.Append(i < n ? "+\tx = y + 1;\n" : i == n ? "+/* never closed\n" : "+ * comment text that goes on and on\n"))),
        new("string-literal", "lines of an unterminated string continued by backslashes", 62_500, n => NewFile("drivers/misc/string.c", 2 * n, (sb, i) =>
            sb.Append(i < n ? "+\tx = y + 1;\n" : i == n ? "+static const char *s = \"never closed \\\n" : "+string text that goes on and on \\\n"))),
        new("char-literal", "lines of an unterminated char literal continued by backslashes", 62_500, n => NewFile("drivers/misc/char.c", 2 * n, (sb, i) =>
            sb.Append(i < n ? "+\tx = y + 1;\n" : i == n ? "+static const char c = 'never closed \\\n" : "+char text that goes on and on \\\n"))),
        new("many-hunks", "hunks in one file", 10_000, ManyHunks),
        new("macro-continuation", "continuation lines of one #define", 62_500, n => NewFile("drivers/misc/macro.h", n + 1, (sb, i) =>
            sb.Append(i == 0 ? "+#define BIG(x) \\\n" : i < n ? "+\tdo_something(x, spin_lock(&l), kmalloc(8, GFP_KERNEL)); \\\n" : "+\tdone(x)\n"))),
        new("nested-calls", "levels of g(g(g(…))) in one statement", 2_000, n => Function("drivers/misc/calls.c", sb =>
            sb.Append("+\tx = ").Append(new StringBuilder().Insert(0, "g(", n)).Append("GFP_KERNEL").Append(')', n).Append(";\n"))),
        new("fall-through-locks", "switch cases that each take the lock and fall through", 1_000, n => Function("drivers/misc/cases.c", sb =>
        {
            sb.Append("+\tswitch (x) {\n");
            for (var i = 0; i < n; i++)
            {
                sb.Append("+\tcase ").Append(i).Append(": spin_lock(&l); /* fall through */\n");
            }

            sb.Append("+\t}\n");
        })),
        new("goto-labels", "labels, each the target of a conditional goto", 1_000, n => Function("drivers/misc/labels.c", sb =>
        {
            for (var i = 0; i < n; i++)
            {
                sb.Append(CultureInfo.InvariantCulture, $"+\tif (x) goto l{i};\n+l{i}:\tspin_lock(&a);\n");
            }
        })),
        new("folded-header", "continuation lines of one Cc: header", 10_000, FoldedHeader),
        new("many-mails", "mails in one mbox", 1_000, ManyMails),
    ];

    private static void MailHeader(StringBuilder sb, string subject)
    {
        sb.Append("From 1234567890abcdef1234567890abcdef12345678 Mon Sep 17 00:00:00 2001\n");
        sb.Append("From: ").Append(Author).Append('\n');
        sb.Append("Date: Mon, 6 Jan 2025 10:00:00 +0000\n");
        sb.Append("Subject: [PATCH] ").Append(subject).Append('\n');
    }

    private static void MailBody(StringBuilder sb)
    {
        sb.Append("\nDo the thing the subject says, for the reason given here.\n\n");
        sb.Append("Signed-off-by: ").Append(Author).Append("\n---\n");
    }

    /// <summary>A mail adding <paramref name="path"/> with <paramref name="lines"/> lines, each written (with its '+') by <paramref name="line"/>.</summary>
    private static string NewFile(string path, int lines, Action<StringBuilder, int> line)
    {
        var sb = new StringBuilder();
        MailHeader(sb, "misc: add " + Path.GetFileName(path));
        MailBody(sb);
        sb.Append(CultureInfo.InvariantCulture, $"diff --git a/{path} b/{path}\nnew file mode 100644\nindex 0000000..1111111\n--- /dev/null\n+++ b/{path}\n@@ -0,0 +1,{lines} @@\n");
        for (var i = 0; i < lines; i++)
        {
            line(sb, i);
        }

        sb.Append("-- \n2.43.0\n");
        return sb.ToString();
    }

    /// <summary>A mail adding one function whose body lines (each with its '+') <paramref name="body"/> writes.</summary>
    private static string Function(string path, Action<StringBuilder> body)
    {
        var lines = new StringBuilder();
        lines.Append("+static int f(int x)\n+{\n");
        body(lines);
        lines.Append("+\treturn 0;\n+}\n");
        var text = lines.ToString();
        var count = text.Count(c => c == '\n');
        return NewFile(path, 1, (sb, _) => sb.Append(text)).Replace("@@ -0,0 +1,1 @@", $"@@ -0,0 +1,{count} @@", StringComparison.Ordinal);
    }

    private static string NestedBraces(int depth)
    {
        var lines = (2 * depth) + 5;
        return NewFile("drivers/misc/nested.c", lines, (sb, i) => sb.Append(
            i == 0 ? "+static int nested(int x)\n" :
            i == 1 ? "+{\n" :
            i < depth + 2 ? "+if (x) {\n" :
            i == depth + 2 ? "+spin_lock(&l); msleep(1); spin_unlock(&l);\n" :
            i < (2 * depth) + 3 ? "+}\n" :
            i == (2 * depth) + 3 ? "+return 0;\n" : "+}\n"));
    }

    private static string ManyHunks(int hunks)
    {
        var sb = new StringBuilder();
        MailHeader(sb, "misc: touch every function");
        MailBody(sb);
        const string Path = "drivers/misc/many.c";
        sb.Append(CultureInfo.InvariantCulture, $"diff --git a/{Path} b/{Path}\nindex 1111111..2222222 100644\n--- a/{Path}\n+++ b/{Path}\n");
        for (var h = 0; h < hunks; h++)
        {
            var at = (h * 10) + 1;
            sb.Append(CultureInfo.InvariantCulture, $"@@ -{at},7 +{at},7 @@ static int f{h}(void)\n");
            sb.Append(" \tint a = 1;\n \tint b = 2;\n \tint c = 3;\n");
            sb.Append(CultureInfo.InvariantCulture, $"-\tstrscpy(buf, name{h}, sizeof(buf));\n+\tstrcpy(buf, name{h});\n");
            sb.Append(" \tint d = 4;\n \tint e = 5;\n \tint f = 6;\n");
        }

        sb.Append("-- \n2.43.0\n");
        return sb.ToString();
    }

    private static string FoldedHeader(int lines)
    {
        var sb = new StringBuilder();
        sb.Append("From 1234567890abcdef1234567890abcdef12345678 Mon Sep 17 00:00:00 2001\n");
        sb.Append("From: ").Append(Author).Append('\n');
        sb.Append("Cc: first@example.org,\n");
        for (var i = 0; i < lines; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\tPerson Number{i} <person{i}@example.org>,\n");
        }

        sb.Append("Date: Mon, 6 Jan 2025 10:00:00 +0000\nSubject: [PATCH] misc: a change with a long Cc list\n");
        MailBody(sb);
        sb.Append("diff --git a/drivers/misc/a.c b/drivers/misc/a.c\nindex 1111111..2222222 100644\n--- a/drivers/misc/a.c\n+++ b/drivers/misc/a.c\n");
        sb.Append("@@ -1,1 +1,1 @@\n-int a;\n+int b;\n-- \n2.43.0\n");
        return sb.ToString();
    }

    private static string ManyMails(int mails)
    {
        var sb = new StringBuilder();
        for (var m = 1; m <= mails; m++)
        {
            MailHeader(sb, string.Create(CultureInfo.InvariantCulture, $"misc: change {m} of {mails}"));
            MailBody(sb);
            var path = string.Create(CultureInfo.InvariantCulture, $"drivers/misc/m{m % 97}.c");
            sb.Append(CultureInfo.InvariantCulture, $"diff --git a/{path} b/{path}\nindex 1111111..2222222 100644\n--- a/{path}\n+++ b/{path}\n");
            sb.Append(CultureInfo.InvariantCulture, $"@@ -1,3 +1,3 @@\n int a;\n-int b{m};\n+int c{m};\n int d;\n-- \n2.43.0\n\n");
        }

        return sb.ToString();
    }
}

using System.Globalization;
using System.Text;

namespace KernelPrBot.Benchmarks;

/// <summary>
/// Builds benchmark inputs at run time from the kernel tree (KPB_KERNEL_TREE, or the extracted Debian
/// linux-source package), falling back to synthetic C sources when no tree is available. Nothing from the
/// tree is stored in the repository. scripts/bench-vs-checkpatch.sh builds the same inputs with the same
/// file choices, so the numbers of both can be compared.
/// </summary>
public static class PatchInputs
{
    public const string DefaultTree = "/var/cache/kernel-pr-bot/linux-source-6.12";

    /// <summary>
    /// 5,002 lines in linux-source-6.12 (by <c>wc -l</c>); the only other .c file under drivers/ within five
    /// lines of 5,000 is drivers/iommu/intel/iommu.c (5,001).
    /// </summary>
    public const string LargeFile = "drivers/mmc/host/sdhci.c";

    public const int SyntheticLargeLines = 5000;

    /// <summary>Files under drivers/ shorter than this are skipped when choosing the series' files.</summary>
    public const int SeriesMinLines = 200;

    public const int SeriesAddedLines = 20;

    public const int Context = 3;

    private const string Author = "Jane Developer <jane.developer@example.org>";

    private const string Date = "Mon, 6 Jan 2025 10:00:00 +0000";

    public static string? Tree
    {
        get
        {
            var tree = Environment.GetEnvironmentVariable("KPB_KERNEL_TREE");
            tree = string.IsNullOrEmpty(tree) ? DefaultTree : tree;
            return Directory.Exists(Path.Combine(tree, "drivers")) ? tree : null;
        }
    }

    /// <summary>One mail adding <see cref="LargeFile"/> (or a synthetic 5,000-line driver) as a new file.</summary>
    public static (string Text, string Description) LargeNewFilePatch()
    {
        var tree = Tree;
        string path;
        string content;
        if (tree is not null && File.Exists(Path.Combine(tree, LargeFile)))
        {
            path = LargeFile;
            content = ReadSource(Path.Combine(tree, LargeFile));
        }
        else
        {
            path = "drivers/misc/bench/bench_core.c";
            content = SyntheticDriver("bench_core", SyntheticLargeLines);
        }

        var (lines, newlineAtEnd) = SplitLines(content);
        var sb = new StringBuilder(content.Length + (lines.Length * 2) + 1024);
        var dir = Path.GetDirectoryName(path)!.Replace('\\', '/');
        MailHeader(sb, 1, $"[PATCH] {Prefix(dir)}: add {Path.GetFileName(path)}");
        sb.Append("Add the core of the driver as a single new file.\n\n");
        sb.Append("Signed-off-by: ").Append(Author).Append('\n');
        sb.Append("---\n");
        sb.Append(CultureInfo.InvariantCulture, $" {path} | {lines.Length} {new string('+', 60)}\n");
        sb.Append(CultureInfo.InvariantCulture, $" 1 file changed, {lines.Length} insertions(+)\n");
        sb.Append(CultureInfo.InvariantCulture, $" create mode 100644 {path}\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"diff --git a/{path} b/{path}\n");
        sb.Append("new file mode 100644\n");
        sb.Append("index 000000000000..5a17c0de5a17\n");
        sb.Append("--- /dev/null\n");
        sb.Append(CultureInfo.InvariantCulture, $"+++ b/{path}\n");
        sb.Append(CultureInfo.InvariantCulture, $"@@ -0,0 +1,{lines.Length} @@\n");
        foreach (var line in lines)
        {
            sb.Append('+').Append(line).Append('\n');
        }

        if (!newlineAtEnd)
        {
            sb.Append("\\ No newline at end of file\n");
        }

        MailTrailer(sb);
        return (sb.ToString(), $"{path} ({lines.Length} lines)");
    }

    /// <summary>
    /// <paramref name="count"/> mails, each modifying one .c file under drivers/ by inserting a copy of the
    /// <see cref="SeriesAddedLines"/> lines that start at the middle of the file, with three lines of
    /// context on each side. Files: every .c file under drivers/ with at least <see cref="SeriesMinLines"/>
    /// lines, in ordinal path order, then <paramref name="count"/> of them evenly spaced.
    /// </summary>
    public static (IReadOnlyList<string> Mails, string Description) Series(int count)
    {
        var tree = Tree;
        var mails = new List<string>(count);
        if (tree is not null)
        {
            var files = SeriesFiles(tree, count);
            for (var k = 0; k < files.Count; k++)
            {
                var (lines, _) = SplitLines(ReadSource(Path.Combine(tree, files[k])));
                mails.Add(ModificationMail(k + 1, files.Count, files[k], lines));
            }

            return (mails, $"{mails.Count} patches on .c files under {tree}/drivers");
        }

        for (var k = 0; k < count; k++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"bench{k:D3}");
            var (lines, _) = SplitLines(SyntheticDriver(name, 400 + (k * 37 % 1500)));
            mails.Add(ModificationMail(k + 1, count, $"drivers/misc/bench/{name}.c", lines));
        }

        return (mails, $"{count} patches on synthetic sources (no kernel tree)");
    }

    public static List<string> SeriesFiles(string tree, int count)
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            AttributesToSkip = FileAttributes.ReparsePoint,
            MatchType = MatchType.Simple,
        };
        var candidates = Directory.EnumerateFiles(Path.Combine(tree, "drivers"), "*.c", options)
            .Where(f => f.EndsWith(".c", StringComparison.Ordinal) && CountNewlines(f) >= SeriesMinLines)
            .Select(f => Path.GetRelativePath(tree, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (candidates.Count <= count)
        {
            return candidates;
        }

        var picked = new List<string>(count);
        for (var k = 0; k < count; k++)
        {
            picked.Add(candidates[(int)((long)k * candidates.Count / count)]);
        }

        return picked;
    }

    private static string ModificationMail(int number, int total, string path, string[] lines)
    {
        // Insert a copy of lines [mid, mid + 20) before line mid (0-based), with context mid-3..mid+2.
        var mid = lines.Length / 2;
        var added = Math.Min(SeriesAddedLines, lines.Length - mid);
        var after = Math.Min(Context, lines.Length - mid);
        var start = mid - Context;
        var dir = Path.GetDirectoryName(path)!.Replace('\\', '/');
        var sb = new StringBuilder(4096);
        var width = total.ToString(CultureInfo.InvariantCulture).Length;
        var n = number.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
        MailHeader(sb, number, $"[PATCH {n}/{total}] {Prefix(dir)}: repeat a block in {Path.GetFileName(path)}");
        sb.Append("Repeat a block of code in the middle of the file.\n\n");
        sb.Append("Signed-off-by: ").Append(Author).Append('\n');
        sb.Append("---\n");
        sb.Append(CultureInfo.InvariantCulture, $" {path} | {added} {new string('+', added)}\n");
        sb.Append(CultureInfo.InvariantCulture, $" 1 file changed, {added} insertions(+)\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"diff --git a/{path} b/{path}\n");
        sb.Append(CultureInfo.InvariantCulture, $"index {number:x12}..{number + 0x100000:x12} 100644\n");
        sb.Append(CultureInfo.InvariantCulture, $"--- a/{path}\n");
        sb.Append(CultureInfo.InvariantCulture, $"+++ b/{path}\n");
        sb.Append(CultureInfo.InvariantCulture, $"@@ -{start + 1},{Context + after} +{start + 1},{Context + added + after} @@\n");
        for (var i = start; i < mid; i++)
        {
            sb.Append(' ').Append(lines[i]).Append('\n');
        }

        for (var i = mid; i < mid + added; i++)
        {
            sb.Append('+').Append(lines[i]).Append('\n');
        }

        for (var i = mid; i < mid + after; i++)
        {
            sb.Append(' ').Append(lines[i]).Append('\n');
        }

        MailTrailer(sb);
        return sb.ToString();
    }

    private static void MailHeader(StringBuilder sb, int number, string subject)
    {
        sb.Append(CultureInfo.InvariantCulture, $"From {number:x40} Mon Sep 17 00:00:00 2001\n");
        sb.Append("From: ").Append(Author).Append('\n');
        sb.Append("Date: ").Append(Date).Append('\n');
        sb.Append("Subject: ").Append(subject).Append("\n\n");
    }

    private static void MailTrailer(StringBuilder sb) => sb.Append("-- \n2.47.0\n\n");

    /// <summary>"drivers/mmc/host" becomes "mmc: host", the usual subsystem prefix.</summary>
    private static string Prefix(string dir)
    {
        var parts = dir.Split('/').Skip(1).TakeLast(2);
        return string.Join(": ", parts);
    }

    /// <summary>Lines as <c>wc -l</c> counts them: split at '\n', the text after the last '\n' kept only if non-empty.</summary>
    private static (string[] Lines, bool NewlineAtEnd) SplitLines(string content)
    {
        var newlineAtEnd = content.Length == 0 || content[^1] == '\n';
        var body = newlineAtEnd && content.Length > 0 ? content[..^1] : content;
        return (body.Length == 0 ? [] : body.Split('\n'), newlineAtEnd);
    }

    private static string ReadSource(string path) => Encoding.UTF8.GetString(File.ReadAllBytes(path));

    private static int CountNewlines(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return bytes.AsSpan().Count((byte)'\n');
    }

    /// <summary>Plausible kernel-style C, used only when no kernel tree is available.</summary>
    private static string SyntheticDriver(string name, int lineCount)
    {
        var sb = new StringBuilder(lineCount * 40);
        var lines = 0;
        void Line(string text)
        {
            sb.Append(text).Append('\n');
            lines++;
        }

        Line("// SPDX-License-Identifier: GPL-2.0");
        Line("/*");
        Line(string.Create(CultureInfo.InvariantCulture, $" * {name}: synthetic driver"));
        Line(" */");
        Line("");
        Line("#include <linux/module.h>");
        Line("#include <linux/slab.h>");
        Line("#include <linux/io.h>");
        Line("");
        for (var f = 0; lines < lineCount - 4; f++)
        {
            string[] block =
            [
                "/*",
                string.Create(CultureInfo.InvariantCulture, $" * {name}_op{f} - program register bank {f}"),
                " * @priv: driver state",
                " */",
                string.Create(CultureInfo.InvariantCulture, $"static int {name}_op{f}(struct {name}_priv *priv, u32 val)"),
                "{",
                "\tstruct device *dev = priv->dev;",
                "\tu32 *buf;",
                "\tint i, ret = 0;",
                "",
                "\tbuf = kcalloc(16, sizeof(*buf), GFP_KERNEL);",
                "\tif (!buf)",
                "\t\treturn -ENOMEM;",
                "",
                "\tfor (i = 0; i < 16; i++) {",
                string.Create(CultureInfo.InvariantCulture, $"\t\tbuf[i] = readl(priv->base + 0x{f % 256:x2} + i * 4);"),
                "\t\tif (buf[i] & BIT(31)) {",
                "\t\t\tdev_err(dev, \"bank %d busy\\n\", i);",
                "\t\t\tret = -EBUSY;",
                "\t\t\tgoto out;",
                "\t\t}",
                "\t}",
                string.Create(CultureInfo.InvariantCulture, $"\twritel(val, priv->base + 0x{f % 256:x2});"),
                "out:",
                "\tkfree(buf);",
                "\treturn ret;",
                "}",
                "",
            ];
            foreach (var text in block)
            {
                if (lines >= lineCount - 4)
                {
                    break;
                }

                Line(text);
            }
        }

        Line("");
        Line(string.Create(CultureInfo.InvariantCulture, $"MODULE_DESCRIPTION(\"{name} synthetic driver\");"));
        Line("MODULE_LICENSE(\"GPL\");");
        while (lines < lineCount)
        {
            Line("");
        }

        return sb.ToString();
    }
}

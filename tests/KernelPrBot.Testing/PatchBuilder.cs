using System.Text;

namespace KernelPrBot.Testing;

/// <summary>
/// Builds <c>git format-patch</c> mails for tests: headers, body, trailers, and files as whole old/new
/// contents (the builder writes the hunks, with correct counts and three lines of context).
/// </summary>
public sealed class PatchBuilder
{
    private readonly List<string> _trailers = [];
    private readonly List<(string Path, string? Old, string? New)> _files = [];
    private string _from = "Jane Developer <jane@example.org>";
    private string _subject = "net: acme: fix the thing";
    private string _body = "Explain what changes and why.";

    public PatchBuilder From(string from)
    {
        _from = from;
        return this;
    }

    public PatchBuilder Subject(string subject)
    {
        _subject = subject;
        return this;
    }

    public PatchBuilder Body(string body)
    {
        _body = body;
        return this;
    }

    public PatchBuilder Trailer(string line)
    {
        _trailers.Add(line);
        return this;
    }

    public PatchBuilder SignedOffByAuthor() => Trailer("Signed-off-by: " + _from);

    public PatchBuilder AddFile(string path, string content)
    {
        _files.Add((path, null, content));
        return this;
    }

    public PatchBuilder ModifyFile(string path, string oldContent, string newContent)
    {
        _files.Add((path, oldContent, newContent));
        return this;
    }

    public string Build()
    {
        var sb = new StringBuilder();
        sb.Append("From 1234567890abcdef1234567890abcdef12345678 Mon Sep 17 00:00:00 2001\n");
        sb.Append($"From: {_from}\n");
        sb.Append("Date: Tue, 3 Mar 2026 10:00:00 +0100\n");
        sb.Append($"Subject: [PATCH] {_subject}\n\n");
        if (_body.Length > 0)
        {
            sb.Append(_body).Append("\n\n");
        }

        foreach (var t in _trailers)
        {
            sb.Append(t).Append('\n');
        }

        sb.Append("---\n");
        foreach (var (path, old, @new) in _files)
        {
            sb.Append(Diff(path, old, @new));
        }

        sb.Append("-- \n2.43.0\n");
        return sb.ToString();
    }

    public static string Diff(string path, string? oldContent, string? newContent)
    {
        var sb = new StringBuilder();
        sb.Append($"diff --git a/{path} b/{path}\n");
        var oldLines = Lines(oldContent);
        var newLines = Lines(newContent);
        if (oldContent is null)
        {
            sb.Append("new file mode 100644\nindex 0000000..1111111\n--- /dev/null\n");
            sb.Append($"+++ b/{path}\n@@ -0,0 +1,{newLines.Length} @@\n");
            foreach (var l in newLines)
            {
                sb.Append('+').Append(l).Append('\n');
            }

            return sb.ToString();
        }

        sb.Append($"index 1111111..2222222 100644\n--- a/{path}\n+++ b/{path}\n");
        var prefix = 0;
        while (prefix < oldLines.Length && prefix < newLines.Length && oldLines[prefix] == newLines[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < oldLines.Length - prefix && suffix < newLines.Length - prefix &&
               oldLines[oldLines.Length - 1 - suffix] == newLines[newLines.Length - 1 - suffix])
        {
            suffix++;
        }

        var before = Math.Min(3, prefix);
        var after = Math.Min(3, suffix);
        var start = prefix - before;
        var oldCount = oldLines.Length - prefix - suffix + before + after;
        var newCount = newLines.Length - prefix - suffix + before + after;
        sb.Append($"@@ -{start + 1},{oldCount} +{start + 1},{newCount} @@\n");
        for (var i = start; i < prefix; i++)
        {
            sb.Append(' ').Append(oldLines[i]).Append('\n');
        }

        for (var i = prefix; i < oldLines.Length - suffix; i++)
        {
            sb.Append('-').Append(oldLines[i]).Append('\n');
        }

        for (var i = prefix; i < newLines.Length - suffix; i++)
        {
            sb.Append('+').Append(newLines[i]).Append('\n');
        }

        for (var i = oldLines.Length - suffix; i < oldLines.Length - suffix + after; i++)
        {
            sb.Append(' ').Append(oldLines[i]).Append('\n');
        }

        return sb.ToString();
    }

    private static string[] Lines(string? content) =>
        content is null || content.Length == 0 ? [] : content.TrimEnd('\n').Split('\n');
}

using KernelPrBot.Checks.Patches;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Checks.Tests.Patches;

public sealed class PatchParserTests
{
    [Fact]
    public void Splits_an_mbox_series_and_reads_patch_numbers()
    {
        var one = new PatchBuilder().Subject("net: a: first").SignedOffByAuthor().AddFile("a.c", "int a;\n").Build().Replace("[PATCH]", "[PATCH v2 1/2]", StringComparison.Ordinal);
        var two = new PatchBuilder().Subject("net: b: second").SignedOffByAuthor().AddFile("b.c", "int b;\n").Build().Replace("[PATCH]", "[PATCH v2 2/2]", StringComparison.Ordinal);
        var series = PatchParser.Parse(one + "\n" + two, "series.mbox");
        Assert.Empty(series.Diagnostics);
        Assert.Equal(["net: a: first", "net: b: second"], series.Patches.Select(p => p.Commit!.Subject));
        Assert.Equal((2, 2, 2), (series.Patches[1].Commit!.Tag!.Version!.Value, series.Patches[1].Commit!.Tag!.Index!.Value, series.Patches[1].Commit!.Tag!.Count!.Value));
        Assert.Equal(["a.c", "b.c"], series.Patches.SelectMany(p => p.Files).Select(f => f.Path));
    }

    [Fact]
    public void Reads_git_diff_with_rename_mode_change_binary_and_deletion()
    {
        const string Diff = """
            diff --git a/old/name.c b/new/name.c
            similarity index 90%
            rename from old/name.c
            rename to new/name.c
            index 1111111..2222222 100644
            --- a/old/name.c
            +++ b/new/name.c
            @@ -1,2 +1,2 @@
             int a;
            -int b;
            +int c;
            diff --git a/script.sh b/script.sh
            old mode 100644
            new mode 100755
            diff --git a/fw.bin b/fw.bin
            index 3333333..4444444 100644
            Binary files a/fw.bin and b/fw.bin differ
            diff --git a/gone.h b/gone.h
            deleted file mode 100644
            index 5555555..0000000
            --- a/gone.h
            +++ /dev/null
            @@ -1 +0,0 @@
            -#define GONE 1
            diff --git "a/sp ace.c" "b/sp ace.c"
            new file mode 100644
            index 0000000..6666666
            --- /dev/null
            +++ "b/sp ace.c"
            @@ -0,0 +1 @@
            +int s;
            """;
        var series = PatchParser.Parse(Diff, "x.diff");
        Assert.Empty(series.Diagnostics);
        var files = Assert.Single(series.Patches).Files;
        Assert.Null(series.Patches[0].Commit);
        Assert.Equal(
            [
                (FileChangeKind.Renamed, "old/name.c", "new/name.c", false),
                (FileChangeKind.ModeChanged, "script.sh", "script.sh", false),
                (FileChangeKind.Modified, "fw.bin", "fw.bin", true),
                (FileChangeKind.Deleted, "gone.h", null, false),
                (FileChangeKind.Added, null, "sp ace.c", false),
            ],
            files.Select(f => (f.Kind, f.OldPath, f.NewPath, f.IsBinary)));
        Assert.Equal(90, files[0].SimilarityIndex);
        Assert.Equal(("100644", "100755"), (files[1].OldMode, files[1].NewMode));
        Assert.Equal(1, files[4].Hunks[0].AddedLines.Single().NewLine);
    }

    [Fact]
    public void Reads_a_plain_unified_diff_with_timestamps()
    {
        const string Diff = "--- linux.orig/fs/x.c\t2024-01-01 00:00:00.000000000 +0000\n+++ linux/fs/x.c\t2024-01-02 00:00:00.000000000 +0000\n@@ -10,3 +10,4 @@ int f(void)\n a\n+b\n c\n d\n";
        var file = Assert.Single(Assert.Single(PatchParser.Parse(Diff, "x").Patches).Files);
        Assert.Equal("fs/x.c", file.Path);
        Assert.Equal(11, Assert.Single(file.AddedLines).NewLine);
    }

    [Fact]
    public void Reads_git_log_p_output()
    {
        const string Log = """
            commit 0123456789abcdef0123456789abcdef01234567
            Author: Jane Developer <jane@example.org>
            Date:   Tue Mar 3 10:00:00 2026 +0100

                mm: fix the thing

                Longer explanation.

                Signed-off-by: Jane Developer <jane@example.org>

            diff --git a/mm/x.c b/mm/x.c
            index 1111111..2222222 100644
            --- a/mm/x.c
            +++ b/mm/x.c
            @@ -1 +1 @@
            -a
            +b
            """;
        var patch = Assert.Single(PatchParser.Parse(Log, "log").Patches);
        Assert.Equal("mm: fix the thing", patch.Commit!.Subject);
        Assert.Equal("Longer explanation.", patch.Commit.Body);
        Assert.Equal("Signed-off-by", Assert.Single(patch.Commit.Trailers).Key);
        Assert.Equal("mm/x.c", Assert.Single(patch.Files).Path);
    }

    [Fact]
    public void Decodes_rfc2047_names_folded_subjects_and_quoted_printable_bodies()
    {
        const string Mail = "From 1234567890abcdef1234567890abcdef12345678 Mon Sep 17 00:00:00 2001\n" +
                            "From: =?UTF-8?q?J=C3=B6rg=20R=C3=B6del?= <joro@example.org>\n" +
                            "Subject: [PATCH] iommu: a very long subject that was\n folded by the mailer\n" +
                            "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: quoted-printable\n\n" +
                            "Caf=C3=A9 body with a soft=\n break.\n\nSigned-off-by: J=C3=B6rg R=C3=B6del <joro@example.org>\n---\n" +
                            "--- a/x.c\n+++ b/x.c\n@@ -1 +1 @@\n-a\n+b =3D 1;\n";
        var commit = Assert.Single(PatchParser.Parse(Mail, "qp").Patches).Commit!;
        Assert.Equal("Jörg Rödel", commit.Author!.Name);
        Assert.Equal("iommu: a very long subject that was folded by the mailer", commit.Subject);
        Assert.Equal("Café body with a soft break.", commit.Body);
        Assert.Equal("Jörg Rödel <joro@example.org>", commit.Trailers.Single().Value);
    }

    [Fact]
    public void Honours_in_body_from_and_subject_lines()
    {
        var mail = new PatchBuilder().From("Sender <sender@example.org>").Body("From: Real Author <real@example.org>\nSubject: [PATCH] x86: real subject\n\nBody text.").Build();
        var commit = Assert.Single(PatchParser.Parse(mail, "m").Patches).Commit!;
        Assert.Equal(new Person("Real Author", "real@example.org"), commit.Author);
        Assert.Equal("x86: real subject", commit.Subject);
        Assert.Equal("Body text.", commit.Body);
    }

    [Theory]
    [InlineData("[PATCH v3 05/12] drm/i915: fix", "drm/i915: fix", 3, 5, 12, false)]
    [InlineData("[RFC PATCH net-next] net: x", "net: x", null, null, null, true)]
    [InlineData("[PATCH 6.1 2/3] [stable] fs: y", "fs: y", null, 2, 3, false)]
    public void Strips_subject_prefixes(string raw, string subject, int? version, int? index, int? count, bool rfc)
    {
        var (stripped, tag) = CommitMessageParserAccess.Strip(raw);
        Assert.Equal(subject, stripped);
        Assert.Equal((version, index, count, rfc), (tag!.Version, tag.Index, tag.Count, tag.IsRfc));
    }

    [Fact]
    public void Keeps_patch_line_numbers_for_trailers_after_a_multi_paragraph_body()
    {
        var mail = new PatchBuilder().Body("One.\n\nTwo.\nFixes: abc is mentioned in prose here").SignedOffByAuthor().AddFile("a.c", "int a;\n").Build();
        var commit = Assert.Single(PatchParser.Parse(mail, "m").Patches).Commit!;
        var lines = PatchText.SplitLines(mail);
        foreach (var trailer in commit.Trailers)
        {
            Assert.Equal(trailer.RawLine, lines[trailer.PatchLine - 1]);
        }

        Assert.Contains(commit.Trailers, t => t.Key == "Signed-off-by" && t.InTrailerBlock);
    }
}

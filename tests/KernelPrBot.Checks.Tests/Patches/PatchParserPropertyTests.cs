using CsCheck;
using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Patches;
using KernelPrBot.Checks.Rules;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Checks.Tests.Patches;

/// <summary>Random and mutated patches: the parsers and rules never throw, and what they report stays consistent.</summary>
public sealed class PatchParserPropertyTests
{
    private static readonly string Seed = new PatchBuilder()
        .Body("Call rtnl_unlock() on this error path.\n\nFixes: bc23aa949aeb (\"igc: Add pcie error handler support\")")
        .SignedOffByAuthor()
        .Trailer("Co-developed-by: Other Dev <other@example.org>")
        .Trailer("Signed-off-by: Other Dev <other@example.org>")
        .ModifyFile("drivers/net/a.c", "int a;\nint b;\nint c;\nint d;\nint e;\n", "int a;\nint b;\nchar buf[len];\nint d;\nint e;\nstrcpy(x, y);\n")
        .AddFile("include/linux/a.h", "/* SPDX-License-Identifier: GPL-2.0 */\nstruct s { int n; u8 d[0]; };\n")
        .Build();

    private static readonly Gen<string> Lines = Gen.OneOf(
        Gen.Const("@@ -1,3 +1,4 @@"), Gen.Const("@@ -0,0 +1 @@ f"), Gen.Const("diff --git a/x b/y"), Gen.Const("--- a/x.c"), Gen.Const("+++ b/x.c"),
        Gen.Const("--- /dev/null"), Gen.Const("+++ /dev/null"), Gen.Const("-- "), Gen.Const("---"), Gen.Const("\\ No newline at end of file"),
        Gen.Const("From 1234567890abcdef1234567890abcdef12345678 Mon Sep 17 00:00:00 2001"), Gen.Const("From: A <a@b.c>"), Gen.Const("Subject: [PATCH] x: y"),
        Gen.Const("Signed-off-by: A <a@b.c>"), Gen.Const("Fixes: 123"), Gen.Const("rename from ../x"), Gen.Const("new file mode 100644"),
        Gen.String.Select(s => "+" + s), Gen.String.Select(s => "-" + s), Gen.String.Select(s => " " + s), Gen.String);

    private static void MustNotThrow(string text)
    {
        var series = PatchParser.Parse(text, "random.patch");
        foreach (var d in series.Diagnostics)
        {
            Assert.False(string.IsNullOrWhiteSpace(d.Message));
        }

        var result = new Analyzer(RuleCatalog.All).Run(series);
        foreach (var file in series.Patches.SelectMany(p => p.Files))
        {
            Assert.True(GitPath.IsSafeRelative(file.Path, out _), file.Path);
            foreach (var hunk in file.Hunks)
            {
                Assert.True(hunk.Lines.Count(l => l.Kind != DiffLineKind.Added) <= hunk.OldCount);
                Assert.True(hunk.Lines.Count(l => l.Kind != DiffLineKind.Removed) <= hunk.NewCount);
            }
        }

        Assert.All(result.Findings, f => Assert.Equal(16, f.Fingerprint.Length));
    }

    [Fact]
    public void Random_line_soup_never_throws() =>
        Lines.Array[0, 60].Select(a => string.Join('\n', a)).Sample(MustNotThrow, iter: 3000);

    [Fact]
    public void Mutated_real_patches_never_throw()
    {
        var seedLines = Seed.Split('\n');
        var fixture = File.ReadAllText(TestPaths.Fixture("kernel-patches", "0080-v6.9-smp-Avoid-setup_max_cpus_namespace_collision_shadowing.patch")).Split('\n');
        Gen.Select(Gen.Bool, Gen.Int[0, 400], Gen.Int[0, 5], Lines, Gen.Int[1, 8])
            .Array[1, 12]
            .Sample(mutations =>
            {
                var useFixture = mutations[0].Item1;
                var lines = (useFixture ? fixture : seedLines).ToList();
                foreach (var (_, position, kind, line, count) in mutations)
                {
                    var at = position % (lines.Count + 1);
                    switch (kind)
                    {
                        case 0: lines.Insert(at, line); break;
                        case 1 when at < lines.Count: lines.RemoveRange(at, Math.Min(count, lines.Count - at)); break;
                        case 2 when at < lines.Count: lines[at] = line; break;
                        case 3 when at < lines.Count && lines[at].Length > 0: lines[at] = lines[at][..(count % lines[at].Length)]; break;
                        case 4 when at < lines.Count: lines.InsertRange(at, lines.Skip(at).Take(count).ToList()); break;
                        default: lines = lines.Take(at).ToList(); break;
                    }
                }

                MustNotThrow(string.Join('\n', lines));
            }, iter: 3000);
    }

    [Fact]
    public void Random_bytes_never_throw() =>
        Gen.Byte.Array[0, 2000].Sample(bytes =>
        {
            var series = PatchParser.Parse(bytes, "random.bin");
            Assert.True(series.Patches.Count > 0 || series.Diagnostics.Count > 0);
        }, iter: 2000);

    [Fact]
    public void Well_formed_generated_hunks_round_trip_their_line_numbers() =>
        Gen.Select(Gen.Int[1, 500], Gen.Char['a', 'z'].Array[0, 12].Select(c => new string(c)).Array[1, 30], Gen.Int[0, 3].Array[1, 30])
            .Sample((start, texts, kinds) =>
            {
                var body = new List<string>();
                int oldCount = 0, newCount = 0;
                for (var i = 0; i < texts.Length; i++)
                {
                    var kind = kinds[i % kinds.Length];
                    body.Add((kind == 0 ? "-" : kind == 1 ? "+" : " ") + texts[i]);
                    oldCount += kind == 1 ? 0 : 1;
                    newCount += kind == 0 ? 0 : 1;
                }

                var diff = $"--- a/f.c\n+++ b/f.c\n@@ -{start},{oldCount} +{start},{newCount} @@\n" + string.Join('\n', body) + "\n";
                var series = PatchParser.Parse(diff, "gen.patch");
                Assert.Empty(series.Diagnostics);
                var hunk = series.Patches[0].Files[0].Hunks[0];
                Assert.Equal(texts.Length, hunk.Lines.Count);
                var expectedNew = start;
                foreach (var line in hunk.Lines.Where(l => l.Kind != DiffLineKind.Removed))
                {
                    Assert.Equal(expectedNew++, line.NewLine);
                }
            }, iter: 2000);
}

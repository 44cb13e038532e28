using System.Text.RegularExpressions;
using KernelPrBot.Testing.FakeGitHub;
using Xunit;

namespace KernelPrBot.Testing.Tests.FakeGitHub;

public class DiffTests
{
    private static async Task<string?> PatchAsync(string? before, string? after)
    {
        await using var server = await FakeGitHubServer.StartAsync(new FakeGitHubOptions { ValidateAgainstOpenApi = false });
        var repo = server.AddRepository("o", "r");
        var baseFiles = before is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["f.c"] = before };
        repo.OpenPullRequest(1, "t", "dev", baseFiles, [new FakeCommit("m", "a", "a@b", new Dictionary<string, string?> { ["f.c"] = after })]);
        return repo.PatchOf(1, "f.c");
    }

    [Fact]
    public async Task One_changed_line_has_three_lines_of_context()
    {
        var patch = await PatchAsync(Scenario.Lines(1, 10), Scenario.Lines(1, 4) + "five\n" + Scenario.Lines(6, 10));
        Assert.Equal("@@ -2,7 +2,7 @@\n line 2\n line 3\n line 4\n-line 5\n+five\n line 6\n line 7\n line 8", patch);
    }

    [Fact]
    public async Task Changes_six_lines_apart_share_a_hunk_and_seven_apart_do_not()
    {
        var merged = await PatchAsync(Scenario.Lines(1, 20), Scenario.Lines(1, 1) + "x\n" + Scenario.Lines(3, 8) + "y\n" + Scenario.Lines(10, 20));
        Assert.Equal(1, Regex.Count(merged!, "^@@", RegexOptions.Multiline));
        var split = await PatchAsync(Scenario.Lines(1, 20), Scenario.Lines(1, 1) + "x\n" + Scenario.Lines(3, 9) + "y\n" + Scenario.Lines(11, 20));
        Assert.Equal(2, Regex.Count(split!, "^@@", RegexOptions.Multiline));
        Assert.StartsWith("@@ -1,5 +1,5 @@", split, StringComparison.Ordinal);
        Assert.Contains("\n@@ -7,7 +7,7 @@\n", split, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_final_newline_is_marked()
    {
        var patch = await PatchAsync("a\nb", "a\nc");
        Assert.Equal("@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file", patch);
    }

    [Fact]
    public async Task Added_and_removed_files_use_zero_ranges()
    {
        Assert.Equal("@@ -0,0 +1,2 @@\n+x\n+y", await PatchAsync(null, "x\ny\n"));
        Assert.Equal("@@ -1 +0,0 @@\n-x", await PatchAsync("x\n", null));
    }

    [Fact]
    public async Task Binary_files_have_no_patch()
    {
        Assert.Null(await PatchAsync("a\0b", "a\0c"));
    }

    /// <summary>Random edits: applying the patch to the old text must give the new text, and headers must count the lines.</summary>
    [Fact]
    public async Task Random_patches_apply_and_count_right()
    {
        var random = new Random(1234);
        await using var server = await FakeGitHubServer.StartAsync(new FakeGitHubOptions { ValidateAgainstOpenApi = false });
        var repo = server.AddRepository("o", "r");
        for (var n = 1; n <= 200; n++)
        {
            var old = Enumerable.Range(0, random.Next(0, 40)).Select(_ => "l" + random.Next(6)).ToList();
            var changed = old.ToList();
            for (var e = random.Next(1, 6); e > 0; e--)
            {
                var at = random.Next(changed.Count + 1);
                if (random.Next(2) == 0 && at < changed.Count)
                {
                    changed.RemoveAt(at);
                }
                else
                {
                    changed.Insert(at, "n" + random.Next(6));
                }
            }

            var before = string.Concat(old.Select(l => l + "\n"));
            var after = string.Concat(changed.Select(l => l + "\n"));
            repo.OpenPullRequest(n, "t", "dev", new Dictionary<string, string> { ["f"] = before },
                [new FakeCommit("m", "a", "a@b", new Dictionary<string, string?> { ["f"] = after })]);
            var patch = repo.PatchOf(n, "f");
            if (before == after)
            {
                Assert.Null(patch);
                continue;
            }

            Assert.Equal(after, Apply(before, patch!));
        }
    }

    private static string Apply(string before, string patch)
    {
        var old = before.Split('\n')[..^1];
        var result = new List<string>();
        var next = 0;
        var lines = patch.Split('\n');
        for (var i = 0; i < lines.Length;)
        {
            var m = Regex.Match(lines[i], @"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$");
            Assert.True(m.Success, lines[i]);
            var oldCount = m.Groups[2].Success ? int.Parse(m.Groups[2].Value) : 1;
            var newCount = m.Groups[4].Success ? int.Parse(m.Groups[4].Value) : 1;
            var start = int.Parse(m.Groups[1].Value) - (oldCount == 0 ? 0 : 1);
            Assert.Equal(result.Count + (start - next), int.Parse(m.Groups[3].Value) - (newCount == 0 ? 0 : 1));
            result.AddRange(old[next..start]);
            next = start;
            int seenOld = 0, seenNew = 0;
            for (i++; i < lines.Length && !lines[i].StartsWith("@@", StringComparison.Ordinal); i++)
            {
                var text = lines[i][1..];
                switch (lines[i][0])
                {
                    case ' ':
                        Assert.Equal(old[next++], text);
                        result.Add(text);
                        seenOld++;
                        seenNew++;
                        break;
                    case '-':
                        Assert.Equal(old[next++], text);
                        seenOld++;
                        break;
                    default:
                        result.Add(text);
                        seenNew++;
                        break;
                }
            }

            Assert.Equal(oldCount, seenOld);
            Assert.Equal(newCount, seenNew);
        }

        result.AddRange(old[next..]);
        return string.Concat(result.Select(l => l + "\n"));
    }
}

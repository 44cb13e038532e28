using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace KernelPrBot.Testing.Tests.Support;

/// <summary>tests/fixtures and its PROVENANCE.md agree: every file has a row saying where it came from, every row a file.</summary>
public sealed partial class FixtureProvenanceTests
{
    private static readonly string Root = TestPaths.Fixture();

    private static IReadOnlyList<string> Files() =>
        Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Where(f => f != "PROVENANCE.md")
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Folder-relative paths named by the table rows, taking the folder from the "## folder/" heading above them.</summary>
    private static IReadOnlyList<string> Rows()
    {
        var rows = new List<string>();
        var folder = "";
        foreach (var line in File.ReadLines(Path.Combine(Root, "PROVENANCE.md")))
        {
            if (Heading().Match(line) is { Success: true } heading)
            {
                folder = heading.Groups["folder"].Value;
            }
            else if (Row().Match(line) is { Success: true } row)
            {
                rows.Add(folder + row.Groups["file"].Value);
            }
        }

        return rows;
    }

    [Fact]
    public void Every_fixture_file_has_a_provenance_row()
    {
        Assert.True(Files().Count >= 20, "tests/fixtures looks empty");
        Assert.Empty(Files().Except(Rows(), StringComparer.Ordinal));
    }

    [Fact]
    public void Every_provenance_row_names_a_file_that_is_there()
    {
        Assert.Empty(Rows().Except(Files(), StringComparer.Ordinal));
    }

    [Fact]
    public void The_compressed_openapi_description_is_the_whole_document()
    {
        using var file = File.OpenRead(TestPaths.Fixture("github", "openapi", "api.github.com.json.gz"));
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var doc = JsonDocument.Parse(gzip, new JsonDocumentOptions { MaxDepth = 256 });
        Assert.Equal("3.0.3", doc.RootElement.GetProperty("openapi").GetString());
        Assert.Equal(811, doc.RootElement.GetProperty("paths").EnumerateObject().Count());
    }

    [GeneratedRegex(@"^## (?<folder>[a-z-]+/(?:[a-z-]+/)?) ")]
    private static partial Regex Heading();

    // A table row whose first cell starts with a file name: "| pull_request.opened.json | ..." or "| x.patch (upstream ...) |".
    [GeneratedRegex(@"^\| (?<file>[A-Za-z0-9_.-]+\.(?:json|patch|gz))[ |]")]
    private static partial Regex Row();
}

using System.Globalization;

namespace KernelPrBot.Checks.Patches;

/// <summary>
/// Reads the diff part of a patch: git extended headers, traditional <c>---</c>/<c>+++</c> headers
/// (quilt patches without <c>diff --git</c>), hunks, binary and mode-only changes.
/// Problems are reported as diagnostics naming the line; the parser never throws on bad input.
/// </summary>
internal sealed class DiffParser
{
    private readonly string[] _lines;
    private readonly int _end;
    private readonly string _source;
    private readonly ICollection<PatchDiagnostic> _diagnostics;
    private readonly List<FileChange> _files = [];
    private int _pos;

    private DiffParser(string[] lines, int start, int end, string source, ICollection<PatchDiagnostic> diagnostics)
    {
        _lines = lines;
        _pos = start;
        _end = end;
        _source = source;
        _diagnostics = diagnostics;
    }

    public static IReadOnlyList<FileChange> Parse(string[] lines, int start, int end, string source, ICollection<PatchDiagnostic> diagnostics)
    {
        var parser = new DiffParser(lines, start, end, source, diagnostics);
        parser.Run();
        return parser._files;
    }

    /// <summary>True when the line at <paramref name="i"/> starts a file's diff.</summary>
    public static bool StartsFileDiff(string[] lines, int i, int end) =>
        lines[i].StartsWith("diff --git ", StringComparison.Ordinal) ||
        (lines[i].StartsWith("--- ", StringComparison.Ordinal) && i + 1 < end && lines[i + 1].StartsWith("+++ ", StringComparison.Ordinal)) ||
        (lines[i].StartsWith("Index: ", StringComparison.Ordinal) && i + 1 < end && lines[i + 1].StartsWith("====", StringComparison.Ordinal));

    private void Run()
    {
        var straySince = -1;
        while (_pos < _end)
        {
            var line = _lines[_pos];
            if (line.StartsWith("diff --git ", StringComparison.Ordinal))
            {
                ParseGitFile();
            }
            else if (line.StartsWith("--- ", StringComparison.Ordinal) && _pos + 1 < _end && _lines[_pos + 1].StartsWith("+++ ", StringComparison.Ordinal))
            {
                ParseTraditionalFile(gitHeader: null);
            }
            else if (line.StartsWith("@@ ", StringComparison.Ordinal))
            {
                Report(_pos, DiagnosticSeverity.Error, "hunk without a file header (--- / +++ lines); hunk skipped");
                _pos++;
                SkipHunkBody();
            }
            else
            {
                if (IsStrayDiffLine(line) && _files.Count > 0 && straySince < 0)
                {
                    straySince = _pos;
                    Report(_pos, DiagnosticSeverity.Error,
                        "changed line outside any hunk: the previous hunk header counts fewer lines than the hunk has; line ignored");
                }

                _pos++;
            }
        }
    }

    private static bool IsStrayDiffLine(string line) =>
        line.Length > 0 && (line[0] == '+' || line[0] == '-') && line != "-- " && line != "--" &&
        !line.StartsWith("---", StringComparison.Ordinal) && !line.StartsWith("+++", StringComparison.Ordinal);

    private void ParseGitFile()
    {
        var headerLine = _pos;
        var (aPath, bPath) = SplitGitHeader(_lines[_pos][11..]);
        var header = new GitHeader { Line = headerLine, OldPath = aPath, NewPath = bPath };
        _pos++;
        while (_pos < _end)
        {
            var line = _lines[_pos];
            if (line.StartsWith("old mode ", StringComparison.Ordinal))
            {
                header.OldMode = line[9..].Trim();
            }
            else if (line.StartsWith("new mode ", StringComparison.Ordinal))
            {
                header.NewMode = line[9..].Trim();
            }
            else if (line.StartsWith("deleted file mode ", StringComparison.Ordinal))
            {
                header.Kind = FileChangeKind.Deleted;
                header.OldMode = line[18..].Trim();
            }
            else if (line.StartsWith("new file mode ", StringComparison.Ordinal))
            {
                header.Kind = FileChangeKind.Added;
                header.NewMode = line[14..].Trim();
            }
            else if (line.StartsWith("rename from ", StringComparison.Ordinal))
            {
                header.Kind = FileChangeKind.Renamed;
                header.OldPath = GitPath.Unquote(line[12..]);
            }
            else if (line.StartsWith("rename to ", StringComparison.Ordinal))
            {
                header.Kind = FileChangeKind.Renamed;
                header.NewPath = GitPath.Unquote(line[10..]);
            }
            else if (line.StartsWith("copy from ", StringComparison.Ordinal))
            {
                header.Kind = FileChangeKind.Copied;
                header.OldPath = GitPath.Unquote(line[10..]);
            }
            else if (line.StartsWith("copy to ", StringComparison.Ordinal))
            {
                header.Kind = FileChangeKind.Copied;
                header.NewPath = GitPath.Unquote(line[8..]);
            }
            else if (line.StartsWith("similarity index ", StringComparison.Ordinal) || line.StartsWith("dissimilarity index ", StringComparison.Ordinal))
            {
                var digits = new string(line.Where(char.IsAsciiDigit).ToArray());
                header.Similarity = int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : null;
            }
            else if (line.StartsWith("index ", StringComparison.Ordinal))
            {
                var mode = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (mode.Length == 3)
                {
                    header.OldMode ??= mode[2];
                }
            }
            else
            {
                break;
            }

            _pos++;
        }

        if (_pos < _end && (_lines[_pos].StartsWith("Binary files ", StringComparison.Ordinal) || _lines[_pos] == "GIT binary patch"))
        {
            header.Binary = true;
            SkipBinary();
            AddFile(header, []);
            return;
        }

        if (_pos + 1 < _end && _lines[_pos].StartsWith("--- ", StringComparison.Ordinal) && _lines[_pos + 1].StartsWith("+++ ", StringComparison.Ordinal))
        {
            ParseTraditionalFile(header);
            return;
        }

        // Mode-only, rename-only or empty new/deleted file: no hunks follow.
        AddFile(header, []);
    }

    private void ParseTraditionalFile(GitHeader? gitHeader)
    {
        var header = gitHeader ?? new GitHeader { Line = _pos };
        var minus = GitPath.FromHeaderLine(_lines[_pos][4..]);
        var plus = GitPath.FromHeaderLine(_lines[_pos + 1][4..]);
        _pos += 2;
        if (gitHeader is null)
        {
            header.OldPath = minus == GitPath.DevNull ? null : GitPath.StripComponent(minus);
            header.NewPath = plus == GitPath.DevNull ? null : GitPath.StripComponent(plus);
        }
        else
        {
            // In a git diff the ---/+++ names must agree with the header, as git apply insists.
            CheckConsistent(header, minus, 'a', header.OldPath);
            CheckConsistent(header, plus, 'b', header.NewPath);
            header.OldPath = minus == GitPath.DevNull ? null : header.OldPath ?? StripGitPrefix(minus, 'a');
            header.NewPath = plus == GitPath.DevNull ? null : header.NewPath ?? StripGitPrefix(plus, 'b');
        }

        if (minus == GitPath.DevNull)
        {
            header.Kind = FileChangeKind.Added;
        }
        else if (plus == GitPath.DevNull)
        {
            header.Kind = FileChangeKind.Deleted;
        }

        var hunks = new List<Hunk>();
        while (_pos < _end && _lines[_pos].StartsWith("@@", StringComparison.Ordinal))
        {
            var hunk = ParseHunk();
            if (hunk is not null)
            {
                hunks.Add(hunk);
            }
        }

        if (_pos < _end && (_lines[_pos].StartsWith("Binary files ", StringComparison.Ordinal) || _lines[_pos] == "GIT binary patch"))
        {
            header.Binary = true;
            SkipBinary();
        }

        AddFile(header, hunks);
    }

    private static void CheckConsistent(GitHeader header, string path, char side, string? fromHeader)
    {
        if (path == GitPath.DevNull || fromHeader is null || header.Rejection is not null)
        {
            return;
        }

        var name = StripGitPrefix(path, side)!;
        if (!GitPath.IsSafeRelative(name, out var reason))
        {
            header.Rejection = $"path '{Shorten(name)}' is not allowed ({reason}); file skipped";
        }
        else if (name != fromHeader && header.Kind is not (FileChangeKind.Renamed or FileChangeKind.Copied))
        {
            header.Rejection = $"inconsistent file name: the diff header says '{Shorten(fromHeader)}' but the ---/+++ line says '{Shorten(name)}'; file skipped";
        }
    }

    private Hunk? ParseHunk()
    {
        var headerIndex = _pos;
        _pos++;
        if (!HunkHeader.TryParse(_lines[headerIndex], out var header))
        {
            Report(headerIndex, DiagnosticSeverity.Error, $"malformed hunk header '{Shorten(_lines[headerIndex])}'; hunk skipped");
            SkipHunkBody();
            return null;
        }

        var (oldStart, oldCount, newStart, newCount, section) = header;

        var lines = new List<DiffLine>(Math.Min(oldCount + newCount, 1 << 16));
        var oldLeft = oldCount;
        var newLeft = newCount;
        var oldLine = oldStart == 0 ? 1 : oldStart;
        var newLine = newStart == 0 ? 1 : newStart;
        while (oldLeft > 0 || newLeft > 0)
        {
            if (_pos >= _end)
            {
                Report(headerIndex, DiagnosticSeverity.Error,
                    $"hunk '@@ -{oldStart},{oldCount} +{newStart},{newCount} @@' is truncated: the input ends {oldLeft} old and {newLeft} new lines early; the lines read are kept");
                break;
            }

            var text = _lines[_pos];
            var kind = text.Length == 0 ? ' ' : text[0];
            if (kind == '\\')
            {
                _pos++;
                continue;
            }

            if (text.StartsWith("--- ", StringComparison.Ordinal) && _pos + 2 < _end &&
                _lines[_pos + 1].StartsWith("+++ ", StringComparison.Ordinal) && _lines[_pos + 2].StartsWith("@@ ", StringComparison.Ordinal))
            {
                // The next file's header: this hunk's counts promised more lines than it has.
                kind = '?';
            }

            var fits = kind switch
            {
                ' ' => oldLeft > 0 && newLeft > 0,
                '-' => oldLeft > 0,
                '+' => newLeft > 0,
                _ => false,
            };
            if (!fits)
            {
                Report(_pos, DiagnosticSeverity.Error,
                    $"hunk '@@ -{oldStart},{oldCount} +{newStart},{newCount} @@' (line {headerIndex + 1}) has fewer lines than its header counts ({oldLeft} old and {newLeft} new missing); the lines read are kept");
                break;
            }

            var body = text.Length == 0 ? string.Empty : text[1..];
            switch (kind)
            {
                case ' ':
                    lines.Add(new DiffLine(DiffLineKind.Context, body, oldLine++, newLine++, _pos + 1));
                    oldLeft--;
                    newLeft--;
                    break;
                case '-':
                    lines.Add(new DiffLine(DiffLineKind.Removed, body, oldLine++, 0, _pos + 1));
                    oldLeft--;
                    break;
                default:
                    lines.Add(new DiffLine(DiffLineKind.Added, body, 0, newLine++, _pos + 1));
                    newLeft--;
                    break;
            }

            _pos++;
        }

        while (_pos < _end && _lines[_pos].StartsWith('\\'))
        {
            _pos++;
        }

        return new Hunk(oldStart, oldCount, newStart, newCount, section, headerIndex + 1, lines);
    }

    private void SkipHunkBody()
    {
        while (_pos < _end && _lines[_pos].Length > 0 && _lines[_pos][0] is ' ' or '+' or '-' or '\\' &&
               !DiffParser.StartsFileDiff(_lines, _pos, _end) && _lines[_pos] != "-- ")
        {
            _pos++;
        }
    }

    private void SkipBinary()
    {
        _pos++;
        while (_pos < _end && !StartsFileDiff(_lines, _pos, _end) && _lines[_pos] != "-- ")
        {
            _pos++;
        }
    }

    private void AddFile(GitHeader header, List<Hunk> hunks)
    {
        if (header.Rejection is not null)
        {
            Report(header.Line, DiagnosticSeverity.Error, header.Rejection);
            return;
        }

        var oldPath = header.Kind == FileChangeKind.Added ? null : header.OldPath;
        var newPath = header.Kind == FileChangeKind.Deleted ? null : header.NewPath;
        foreach (var path in new[] { oldPath, newPath })
        {
            if (path is not null && !GitPath.IsSafeRelative(path, out var reason))
            {
                Report(header.Line, DiagnosticSeverity.Error, $"path '{Shorten(path)}' is not allowed ({reason}); file skipped");
                return;
            }
        }

        if (oldPath is null && newPath is null)
        {
            Report(header.Line, DiagnosticSeverity.Error, "file header names no path; file skipped");
            return;
        }

        var kind = header.Kind;
        if (kind == FileChangeKind.Modified && hunks.Count == 0 && !header.Binary && header.NewMode is not null && header.OldMode != header.NewMode)
        {
            kind = FileChangeKind.ModeChanged;
        }

        _files.Add(new FileChange
        {
            OldPath = oldPath,
            NewPath = newPath,
            Kind = kind,
            IsBinary = header.Binary,
            OldMode = header.OldMode,
            NewMode = header.NewMode,
            SimilarityIndex = header.Similarity,
            PatchLine = header.Line + 1,
            Hunks = hunks,
        });
    }

    private static string? StripGitPrefix(string path, char side) =>
        path.Length > 2 && path[0] == side && path[1] == '/' ? path[2..] : path;

    /// <summary>Splits <c>a/x b/y</c>; with unquoted spaces the two halves of a same-path header are found by length.</summary>
    private static (string? A, string? B) SplitGitHeader(string rest)
    {
        rest = rest.TrimEnd();
        if (rest.StartsWith('"'))
        {
            var close = GitPath.FindClosingQuote(rest);
            if (close > 0)
            {
                var a = GitPath.Unquote(rest[..(close + 1)]);
                var b = GitPath.Unquote(rest[(close + 1)..].Trim());
                return (StripGitPrefix(a, 'a'), StripGitPrefix(b, 'b'));
            }
        }

        if (rest.EndsWith('"'))
        {
            var open = rest.LastIndexOf(" \"", StringComparison.Ordinal);
            if (open > 0)
            {
                return (StripGitPrefix(rest[..open], 'a'), StripGitPrefix(GitPath.Unquote(rest[(open + 1)..]), 'b'));
            }
        }

        if (rest.Length % 2 == 1)
        {
            var half = rest.Length / 2;
            var a = rest[..half];
            var b = rest[(half + 1)..];
            if (rest[half] == ' ' && a.Length > 2 && b.Length > 2 && a[2..] == b[2..])
            {
                return (StripGitPrefix(a, 'a'), StripGitPrefix(b, 'b'));
            }
        }

        var split = rest.IndexOf(" b/", StringComparison.Ordinal);
        if (split > 0)
        {
            return (StripGitPrefix(rest[..split], 'a'), rest[(split + 3)..]);
        }

        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 ? (rest[..space], rest[(space + 1)..]) : (rest, rest);
    }

    private void Report(int index, DiagnosticSeverity severity, string message) =>
        _diagnostics.Add(new PatchDiagnostic(_source, index + 1, severity, message));

    internal static string Shorten(string text) => TextClip.Shorten(text, 80);

    private sealed class GitHeader
    {
        public int Line { get; set; }

        public string? OldPath { get; set; }

        public string? NewPath { get; set; }

        public FileChangeKind Kind { get; set; } = FileChangeKind.Modified;

        public string? OldMode { get; set; }

        public string? NewMode { get; set; }

        public int? Similarity { get; set; }

        public bool Binary { get; set; }

        public string? Rejection { get; set; }
    }
}

namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>A GitHub path template like <c>/repos/{owner}/{repo}/pulls/{pull_number}</c>; a multi-segment parameter may end it.</summary>
internal sealed class PathTemplate
{
    private readonly string[] _segments;
    private readonly string? _multiSegment;

    public PathTemplate(string template, Func<string, bool> isMultiSegment)
    {
        Template = template;
        _segments = template.Trim('/').Split('/');
        var last = _segments[^1];
        if (IsParameter(last) && isMultiSegment(last[1..^1]))
        {
            _multiSegment = last[1..^1];
        }

        LiteralCount = _segments.Count(s => !IsParameter(s));
    }

    public string Template { get; }

    /// <summary>More literal segments win when two templates match (<c>issues/comments/{id}</c> over <c>issues/{n}</c>).</summary>
    public int LiteralCount { get; }

    /// <summary>Splits a request path into URL-decoded segments.</summary>
    public static string[] Split(string rawPath) =>
        rawPath.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();

    public bool TryMatch(IReadOnlyList<string> segments, out Dictionary<string, string> values)
    {
        values = new Dictionary<string, string>(StringComparer.Ordinal);
        var fixedCount = _multiSegment is null ? _segments.Length : _segments.Length - 1;
        if (_multiSegment is null ? segments.Count != _segments.Length : segments.Count < _segments.Length)
        {
            return false;
        }

        for (var i = 0; i < fixedCount; i++)
        {
            var t = _segments[i];
            if (IsParameter(t))
            {
                if (segments[i].Length == 0)
                {
                    return false;
                }

                values[t[1..^1]] = segments[i];
            }
            else if (!t.Equals(segments[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        if (_multiSegment is not null)
        {
            values[_multiSegment] = string.Join('/', segments.Skip(fixedCount));
        }

        return true;
    }

    private static bool IsParameter(string segment) => segment.StartsWith('{') && segment.EndsWith('}');
}

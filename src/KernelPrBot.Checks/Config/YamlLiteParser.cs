namespace KernelPrBot.Checks.Config;

/// <summary>
/// Parses the YAML subset of <c>.kernel-pr-bot.yml</c>: indented block mappings and sequences, plain and
/// quoted scalars, flow sequences of scalars (<c>[a, b]</c>), comments. Anything else is an error naming
/// the line, so a typo never silently changes what is checked. Kept inside the check library so that it
/// stays free of package dependencies.
/// </summary>
public static class YamlLiteParser
{
    private const int MaxLines = 10_000;

    public static YamlNode? Parse(string text, string source)
    {
        var lines = new List<(int Number, int Indent, string Content)>();
        var raw = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (raw.Length > MaxLines)
        {
            throw new ConfigException($"{source}: the file has {raw.Length} lines; a configuration file has at most {MaxLines}");
        }

        for (var i = 0; i < raw.Length; i++)
        {
            var line = raw[i];
            var content = StripComment(line).TrimEnd();
            if (content.Trim().Length == 0 || content.Trim() == "---")
            {
                continue;
            }

            var indent = 0;
            while (indent < content.Length && content[indent] == ' ')
            {
                indent++;
            }

            if (indent < content.Length && content[indent] == '\t')
            {
                throw new ConfigException($"{source}:{i + 1}: tabs are not allowed for indentation in YAML");
            }

            lines.Add((i + 1, indent, content[indent..]));
        }

        if (lines.Count == 0)
        {
            return null;
        }

        var pos = 0;
        var node = ParseBlock(lines, ref pos, lines[0].Indent, source);
        if (pos < lines.Count)
        {
            throw new ConfigException($"{source}:{lines[pos].Number}: unexpected indentation");
        }

        return node;
    }

    private static YamlNode ParseBlock(List<(int Number, int Indent, string Content)> lines, ref int pos, int indent, string source)
    {
        var first = lines[pos];
        if (first.Content.StartsWith("- ", StringComparison.Ordinal) || first.Content == "-")
        {
            var items = new List<YamlNode>();
            while (pos < lines.Count && lines[pos].Indent == indent && (lines[pos].Content.StartsWith("- ", StringComparison.Ordinal) || lines[pos].Content == "-"))
            {
                var (number, _, content) = lines[pos];
                var rest = content.Length > 1 ? content[2..].Trim() : string.Empty;
                pos++;
                if (rest.Length == 0)
                {
                    items.Add(pos < lines.Count && lines[pos].Indent > indent ? ParseBlock(lines, ref pos, lines[pos].Indent, source) : new YamlScalar(string.Empty, number, false));
                }
                else if (FindMappingColon(rest) >= 0)
                {
                    throw new ConfigException($"{source}:{number}: mappings inside sequences are not supported here");
                }
                else
                {
                    items.Add(ParseInline(rest, number, source));
                }
            }

            return new YamlSequence(items, first.Number);
        }

        var entries = new List<KeyValuePair<YamlScalar, YamlNode>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pos < lines.Count && lines[pos].Indent == indent)
        {
            var (number, _, content) = lines[pos];
            var colon = FindMappingColon(content);
            if (colon < 0)
            {
                throw new ConfigException($"{source}:{number}: expected 'key: value', found '{Shorten(content)}'");
            }

            var key = Unquote(content[..colon].Trim(), number, source);
            if (!seen.Add(key))
            {
                throw new ConfigException($"{source}:{number}: duplicate key '{key}'");
            }

            var rest = content[(colon + 1)..].Trim();
            pos++;
            YamlNode value;
            if (rest.Length > 0)
            {
                value = ParseInline(rest, number, source);
            }
            else if (pos < lines.Count && lines[pos].Indent > indent)
            {
                value = ParseBlock(lines, ref pos, lines[pos].Indent, source);
            }
            else if (pos < lines.Count && lines[pos].Indent == indent && lines[pos].Content.StartsWith("- ", StringComparison.Ordinal))
            {
                // YAML allows a sequence at the same indentation as its key.
                value = ParseBlock(lines, ref pos, indent, source);
            }
            else
            {
                value = new YamlScalar(string.Empty, number, false);
            }

            entries.Add(new(new YamlScalar(key, number, false), value));
        }

        if (pos < lines.Count && lines[pos].Indent > indent)
        {
            throw new ConfigException($"{source}:{lines[pos].Number}: unexpected indentation");
        }

        return new YamlMapping(entries, first.Number);
    }

    private static YamlNode ParseInline(string text, int line, string source)
    {
        if (text.StartsWith('['))
        {
            if (!text.EndsWith(']'))
            {
                throw new ConfigException($"{source}:{line}: unterminated flow sequence '{Shorten(text)}'");
            }

            var inner = text[1..^1].Trim();
            var items = inner.Length == 0
                ? []
                : inner.Split(',').Select(item => (YamlNode)new YamlScalar(Unquote(item.Trim(), line, source), line, item.Trim().StartsWith('"') || item.Trim().StartsWith('\''))).ToList();
            return new YamlSequence(items, line);
        }

        if (text.StartsWith('{') || text.StartsWith('&') || text.StartsWith('*') || text.StartsWith('!') || text.StartsWith('|') || text.StartsWith('>'))
        {
            throw new ConfigException($"{source}:{line}: '{text[0]}' (flow mappings, anchors, tags, block scalars) is not supported in this file");
        }

        if (FindMappingColon(text) >= 0)
        {
            throw new ConfigException($"{source}:{line}: a value cannot contain ': ' unless quoted ('{Shorten(text)}')");
        }

        return new YamlScalar(Unquote(text, line, source), line, text.StartsWith('"') || text.StartsWith('\''));
    }

    private static string Unquote(string text, int line, string source)
    {
        if (text.Length > 0 && (text[0] == '"' || text[0] == '\''))
        {
            if (text.Length < 2 || text[^1] != text[0])
            {
                throw new ConfigException($"{source}:{line}: unterminated quoted string {Shorten(text)}");
            }

            var body = text[1..^1];
            return text[0] == '\'' ? body.Replace("''", "'", StringComparison.Ordinal) : body.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>The colon that separates key and value: followed by a space or the end, outside quotes.</summary>
    private static int FindMappingColon(string text)
    {
        var quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if ((c == '"' || c == '\'') && i == 0)
            {
                quote = c;
            }
            else if (c == ':' && (i + 1 == text.Length || text[i + 1] == ' '))
            {
                return i;
            }
            else if (c == '[' && i == 0)
            {
                return -1;
            }
        }

        return -1;
    }

    private static string StripComment(string line)
    {
        var quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'' && (i == 0 || line[i - 1] is ' ' or ':' or '[' or ',' or '-'))
            {
                quote = c;
            }
            else if (c == '#' && (i == 0 || line[i - 1] == ' '))
            {
                return line[..i];
            }
        }

        return line;
    }

    private static string Shorten(string text) => TextClip.Shorten(text, 60);
}

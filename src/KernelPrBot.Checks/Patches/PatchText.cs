using System.Text;

namespace KernelPrBot.Checks.Patches;

/// <summary>Turns the bytes of a patch file into lines, saying so when they were not UTF-8.</summary>
public static class PatchText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes UTF-8; invalid UTF-8 is read as Latin-1 (every byte maps to a character) and reported.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string source, ICollection<PatchDiagnostic> diagnostics)
    {
        if (bytes.StartsWith("\xEF\xBB\xBF"u8))
        {
            bytes = bytes[3..];
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            var offset = ex.Index >= 0 ? ex.Index : 0;
            var line = 1 + bytes[..Math.Min(offset, bytes.Length)].Count((byte)'\n');
            diagnostics.Add(new PatchDiagnostic(source, line, DiagnosticSeverity.Warning,
                "input is not valid UTF-8; read as Latin-1 (names and messages may show wrong characters)"));
            return Encoding.Latin1.GetString(bytes);
        }
    }

    /// <summary>Splits text into lines without their line terminators (LF or CRLF).</summary>
    public static string[] SplitLines(string text)
    {
        var lines = new List<string>(capacity: Math.Max(16, text.Length / 40));
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                lines.Add(TrimCr(text, start, text.Length));
                break;
            }

            lines.Add(TrimCr(text, start, end));
            start = end + 1;
        }

        return [.. lines];
    }

    private static string TrimCr(string text, int start, int end)
    {
        if (end > start && text[end - 1] == '\r')
        {
            end--;
        }

        return text.Substring(start, end - start);
    }
}

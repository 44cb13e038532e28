using System.Text;
using System.Text.RegularExpressions;

namespace KernelPrBot.Checks.Patches;

/// <summary>RFC 2047 encoded words (<c>=?UTF-8?q?...?=</c>) in From: and Subject:, and quoted-printable bodies.</summary>
internal static partial class MailHeaderDecoder
{
    [GeneratedRegex(@"=\?(?<charset>[^?\s]{1,40})\?(?<enc>[QqBb])\?(?<text>[^?\s]{0,1000})\?=", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex EncodedWord { get; }

    [GeneratedRegex(@"(\?=)\s+(=\?)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex SpaceBetweenWords { get; }

    public static string DecodeHeader(string value)
    {
        if (!value.Contains("=?", StringComparison.Ordinal))
        {
            return value;
        }

        // White space between adjacent encoded words is not part of the text (RFC 2047 §6.2).
        value = SpaceBetweenWords.Replace(value, "$1$2");
        return EncodedWord.Replace(value, m =>
        {
            var encoding = GetEncoding(m.Groups["charset"].Value);
            var text = m.Groups["text"].Value;
            try
            {
                var bytes = char.ToUpperInvariant(m.Groups["enc"].Value[0]) == 'B'
                    ? Convert.FromBase64String(text)
                    : DecodeQuotedPrintableBytes(text.Replace('_', ' '));
                return encoding.GetString(bytes);
            }
            catch (FormatException)
            {
                return m.Value;
            }
        });
    }

    /// <summary>Decodes quoted-printable lines, joining soft line breaks; each output line keeps the index of its first input line.</summary>
    public static List<(string Text, int SourceIndex)> DecodeQuotedPrintable(IReadOnlyList<string> lines, int firstIndex, Encoding encoding)
    {
        var result = new List<(string, int)>();
        var pending = new List<byte>();
        var pendingStart = -1;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (pendingStart < 0)
            {
                pendingStart = firstIndex + i;
            }

            var soft = line.EndsWith('=');
            pending.AddRange(DecodeQuotedPrintableBytes(soft ? line[..^1] : line));
            if (!soft)
            {
                result.Add((encoding.GetString([.. pending]), pendingStart));
                pending.Clear();
                pendingStart = -1;
            }
        }

        if (pendingStart >= 0)
        {
            result.Add((encoding.GetString([.. pending]), pendingStart));
        }

        return result;
    }

    public static Encoding GetEncoding(string charset)
    {
        var name = charset.Trim().Trim('"').ToLowerInvariant();
        return name switch
        {
            "utf-8" or "utf8" or "us-ascii" or "ascii" or "" => Encoding.UTF8,
            "iso-8859-1" or "latin1" or "latin-1" or "windows-1252" => Encoding.Latin1,
            _ => Encoding.UTF8,
        };
    }

    private static byte[] DecodeQuotedPrintableBytes(string text)
    {
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && IsHex(text, i + 1) && IsHex(text, i + 2))
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }

        return [.. bytes];
    }

    private static bool IsHex(string text, int index) => index < text.Length && char.IsAsciiHexDigit(text[index]);
}

using System.Security.Cryptography;
using System.Text;

namespace KernelPrBot.Hosting.Queues.Azure;

/// <summary>
/// Turns any text into a legal Azure Table key: keys forbid <c>/ \ # ?</c> and control characters and hold at
/// most 1 KiB. Letters, digits, <c>-</c>, <c>_</c> and <c>.</c> stay as they are (a GitHub delivery GUID reads
/// unchanged); every other UTF-8 byte becomes <c>~XX</c>. Text whose escaped form is too long becomes
/// <c>~~</c> and its SHA-256, which no escaped form can equal (an escape always puts hex after <c>~</c>).
/// </summary>
public static class TableKey
{
    public const int MaxEscapedLength = 256;

    public static string Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.UTF8.GetBytes(text);
        var escaped = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            {
                escaped.Append(c);
            }
            else
            {
                escaped.Append('~').Append(b.ToString("X2"));
            }

            if (escaped.Length > MaxEscapedLength)
            {
                return "~~" + Convert.ToHexStringLower(SHA256.HashData(bytes));
            }
        }

        return escaped.ToString();
    }
}

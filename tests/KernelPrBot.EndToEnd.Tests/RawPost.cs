using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace KernelPrBot.EndToEnd.Tests;

/// <summary>A webhook POST with exactly the bytes and headers given, and bodies that attack a JSON reader or a size limit.</summary>
internal static class RawPost
{
    public static async Task<(HttpStatusCode Status, string Text)> SendAsync(HttpClient http, Uri url, byte[] body, IReadOnlyDictionary<string, string> headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        foreach (var (name, value) in headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        // With 100-continue the server can refuse an oversized body by its Content-Length before it is sent.
        request.Headers.ExpectContinue = body.Length > 1024 * 1024;
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public static Dictionary<string, string> With(IReadOnlyDictionary<string, string> headers, string name, string? value)
    {
        var copy = new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase);
        if (value is null)
        {
            copy.Remove(name);
        }
        else
        {
            copy[name] = value;
        }

        return copy;
    }

    /// <summary>An object holding arrays nested <paramref name="depth"/> deep: a recursive parser would overflow its stack.</summary>
    public static byte[] Nested(int depth) => Encoding.ASCII.GetBytes("{\"a\":" + new string('[', depth) + new string(']', depth) + "}");

    /// <summary>A well-formed JSON object whose one string is <paramref name="length"/> characters long.</summary>
    public static byte[] HugeString(int length) => Encoding.ASCII.GetBytes("{\"action\":\"opened\",\"padding\":\"" + new string('x', length) + "\"}");

    public static bool IsDocumented(HttpStatusCode status) => (int)status is >= 200 and < 300 or >= 400 and < 500;
}

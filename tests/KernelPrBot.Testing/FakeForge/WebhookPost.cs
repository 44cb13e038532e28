using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KernelPrBot.Testing.FakeForge;

/// <summary>Webhook payloads from the fixtures under tests/fixtures/{forge}/webhooks, and POSTing them as the forge sends them.</summary>
internal static class WebhookPost
{
    // The forges send non-ASCII text unescaped; the bytes must match what a signature or token check sees.
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonObject Load(string forge, string fileName) =>
        JsonNode.Parse(File.ReadAllText(TestPaths.Fixture(forge, "webhooks", fileName)))!.AsObject();

    public static byte[] Serialize(JsonObject payload) => Encoding.UTF8.GetBytes(payload.ToJsonString(Compact));

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, Uri url, byte[] body, IReadOnlyDictionary<string, string> headers)
    {
        ArgumentNullException.ThrowIfNull(client);
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

        return await client.SendAsync(request).ConfigureAwait(false);
    }
}

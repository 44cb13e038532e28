using System.Text;
using KernelPrBot.Testing.FakeGitHub;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace KernelPrBot.Testing.FakeForge;

/// <summary>
/// The raw parts of a request: the path under the API prefix (still URL-encoded, as the forge routes it), its segments,
/// the query with its "?", and the body. A path outside the prefix is kept with a leading "~" so it routes nowhere.
/// </summary>
internal sealed record RequestTarget(string Method, string Path, IReadOnlyList<string> Segments, string RawQuery, string Body)
{
    public static async Task<RequestTarget> ReadAsync(HttpContext context, string prefix)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
        var q = raw.IndexOf('?', StringComparison.Ordinal);
        var rawPath = q < 0 ? raw : raw[..q];
        var path = rawPath.StartsWith(prefix + "/", StringComparison.Ordinal) ? rawPath[prefix.Length..] : "~" + rawPath;
        string body;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }

        return new RequestTarget(
            context.Request.Method.ToUpperInvariant(),
            path,
            path.StartsWith('/') ? PathTemplate.Split(path) : [],
            q < 0 ? "" : raw[q..],
            body);
    }

    /// <summary>The body, or null when none was sent.</summary>
    public string? BodyOrNull => Body.Length == 0 ? null : Body;
}

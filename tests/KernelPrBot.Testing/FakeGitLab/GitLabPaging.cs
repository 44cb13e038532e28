using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace KernelPrBot.Testing.FakeGitLab;

/// <summary>
/// GitLab's offset pagination: <c>page</c>, <c>per_page</c> (default 20, silently capped at 100), the X-Page/X-Per-Page/
/// X-Total/X-Total-Pages/X-Next-Page/X-Prev-Page headers and a <c>Link</c> header with first/prev/next/last.
/// </summary>
internal static class GitLabPaging
{
    public const int DefaultPerPage = 20;
    public const int MaxPerPage = 100;

    public static GitLabResult Page<T>(GitLabRequest request, Uri apiRoot, IReadOnlyList<T> items, Func<T, JsonNode> render)
    {
        var perPage = Math.Clamp(request.Int("per_page") is { } p && p > 0 ? p : DefaultPerPage, 1, MaxPerPage);
        var page = Math.Max(1, request.Int("page") ?? 1);
        var totalPages = Math.Max(1, (items.Count + perPage - 1) / perPage);
        var slice = items.Skip((page - 1) * perPage).Take(perPage).Select(render).ToArray();
        var result = GitLabResult.Ok(new JsonArray(slice));
        var h = result.Headers;
        h["X-Page"] = Text(page);
        h["X-Per-Page"] = Text(perPage);
        h["X-Total"] = Text(items.Count);
        h["X-Total-Pages"] = Text(totalPages);
        h["X-Next-Page"] = page < totalPages ? Text(page + 1) : "";
        h["X-Prev-Page"] = page > 1 ? Text(Math.Min(page - 1, totalPages)) : "";
        var links = new List<string>();
        if (page > 1)
        {
            links.Add(Link(request, apiRoot, Math.Min(page - 1, totalPages), perPage, "prev"));
        }

        if (page < totalPages)
        {
            links.Add(Link(request, apiRoot, page + 1, perPage, "next"));
        }

        links.Add(Link(request, apiRoot, 1, perPage, "first"));
        links.Add(Link(request, apiRoot, totalPages, perPage, "last"));
        h["Link"] = string.Join(", ", links);
        return result;
    }

    private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Link(GitLabRequest request, Uri apiRoot, int page, int perPage, string rel)
    {
        var query = new StringBuilder();
        foreach (var part in request.RawQuery.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = part.Split('=')[0];
            if (name is not ("page" or "per_page"))
            {
                query.Append(part).Append('&');
            }
        }

        query.Append(CultureInfo.InvariantCulture, $"page={page}&per_page={perPage}");
        return $"<{apiRoot.AbsoluteUri.TrimEnd('/')}{request.Path}?{query}>; rel=\"{rel}\"";
    }
}

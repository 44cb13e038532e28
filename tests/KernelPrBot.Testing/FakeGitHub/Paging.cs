using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>GitHub's page/per_page paging (default 30, max 100) with a <c>Link</c> header of absolute URLs.</summary>
internal static class Paging
{
    public static ApiResult Page<T>(ApiRequest request, string apiRoot, IReadOnlyList<T> items, Func<T, JsonNode> render)
    {
        var (slice, link) = Slice(request, apiRoot, items);
        var result = ApiResult.Ok(new JsonArray(slice.Select(render).ToArray()));
        if (link is not null)
        {
            result.Headers["Link"] = link;
        }

        return result;
    }

    public static (List<T> Items, string? Link) Slice<T>(ApiRequest request, string apiRoot, IReadOnlyList<T> items)
    {
        var perPage = Math.Clamp(Number(request, "per_page", 30), 1, 100);
        var page = Math.Max(1, Number(request, "page", 1));
        var last = Math.Max(1, (items.Count + perPage - 1) / perPage);
        var slice = items.Skip((page - 1) * perPage).Take(perPage).ToList();
        if (last == 1 && page == 1)
        {
            return (slice, null);
        }

        var links = new List<string>();
        if (page > 1)
        {
            links.Add(Link(request, apiRoot, Math.Min(page - 1, last), "prev"));
        }

        if (page < last)
        {
            links.Add(Link(request, apiRoot, page + 1, "next"));
            links.Add(Link(request, apiRoot, last, "last"));
        }

        if (page > 1)
        {
            links.Add(Link(request, apiRoot, 1, "first"));
        }

        return (slice, links.Count == 0 ? null : string.Join(", ", links));
    }

    private static int Number(ApiRequest request, string name, int fallback) =>
        request.Query.TryGetValue(name, out var v) && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : fallback;

    private static string Link(ApiRequest request, string apiRoot, int page, string rel)
    {
        var query = new StringBuilder();
        var replaced = false;
        foreach (var part in request.RawQuery.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var isPage = part.StartsWith("page=", StringComparison.Ordinal) || part == "page";
            query.Append(query.Length == 0 ? '?' : '&').Append(isPage ? $"page={page.ToString(CultureInfo.InvariantCulture)}" : part);
            replaced |= isPage;
        }

        if (!replaced)
        {
            query.Append(query.Length == 0 ? '?' : '&').Append(CultureInfo.InvariantCulture, $"page={page}");
        }

        return $"<{apiRoot.TrimEnd('/')}{request.Path}{query}>; rel=\"{rel}\"";
    }
}

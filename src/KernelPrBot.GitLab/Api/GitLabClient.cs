using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace KernelPrBot.GitLab.Api;

/// <summary>
/// A small typed GitLab REST v4 client on <see cref="HttpClient"/>: only the calls the bot makes. Paging follows
/// <c>X-Next-Page</c>; errors become <see cref="GitLabApiException"/> with GitLab's message.
/// </summary>
public sealed class GitLabClient(HttpClient http, GitLabOptions options)
{
    public const int PageSize = 100;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly Uri _api = options.ApiUri;

    public static string Project(string idOrPath) => Uri.EscapeDataString(idOrPath);

    public Task<GitLabUser> CurrentUserAsync(CancellationToken ct) => GetAsync<GitLabUser>("user", ct);

    public Task<GitLabMergeRequest> MergeRequestAsync(string project, int iid, CancellationToken ct) =>
        GetAsync<GitLabMergeRequest>($"projects/{Project(project)}/merge_requests/{iid}", ct);

    public Task<List<GitLabCommit>> CommitsAsync(string project, int iid, CancellationToken ct) =>
        GetAllAsync<GitLabCommit>($"projects/{Project(project)}/merge_requests/{iid}/commits", ct);

    public Task<List<GitLabDiff>> DiffsAsync(string project, int iid, CancellationToken ct) =>
        GetAllAsync<GitLabDiff>($"projects/{Project(project)}/merge_requests/{iid}/diffs", ct);

    public Task<List<GitLabVersion>> VersionsAsync(string project, int iid, CancellationToken ct) =>
        GetAllAsync<GitLabVersion>($"projects/{Project(project)}/merge_requests/{iid}/versions", ct);

    public Task<List<GitLabDiscussion>> DiscussionsAsync(string project, int iid, CancellationToken ct) =>
        GetAllAsync<GitLabDiscussion>($"projects/{Project(project)}/merge_requests/{iid}/discussions", ct);

    public Task<List<GitLabNote>> NotesAsync(string project, int iid, CancellationToken ct) =>
        GetAllAsync<GitLabNote>($"projects/{Project(project)}/merge_requests/{iid}/notes?sort=asc&order_by=created_at", ct);

    public Task<List<GitLabCommitStatus>> StatusesAsync(string project, string sha, CancellationToken ct) =>
        GetAllAsync<GitLabCommitStatus>($"projects/{Project(project)}/repository/commits/{sha}/statuses", ct);

    public Task<List<GitLabMember>> MembersAsync(string project, string username, CancellationToken ct) =>
        GetAllAsync<GitLabMember>($"projects/{Project(project)}/members/all?query={Uri.EscapeDataString(username)}", ct);

    /// <summary>A file at a commit; null when it is not there.</summary>
    public async Task<byte[]?> RawFileAsync(string project, string path, string sha, CancellationToken ct)
    {
        using var response = await http.GetAsync(new Uri(_api, $"projects/{Project(project)}/repository/files/{Uri.EscapeDataString(path)}/raw?ref={Uri.EscapeDataString(sha)}"), ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureAsync(response, "GET", "repository/files/…/raw", ct).ConfigureAwait(false);
        return await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
    }

    public Task<GitLabDiscussion> CreateDiscussionAsync(string project, int iid, string body, GitLabPosition? position, CancellationToken ct) =>
        SendAsync<GitLabDiscussion>(HttpMethod.Post, $"projects/{Project(project)}/merge_requests/{iid}/discussions", new { body, position }, ct);

    public Task<GitLabNote> EditDiscussionNoteAsync(string project, int iid, string discussionId, long noteId, string body, CancellationToken ct) =>
        SendAsync<GitLabNote>(HttpMethod.Put, $"projects/{Project(project)}/merge_requests/{iid}/discussions/{Uri.EscapeDataString(discussionId)}/notes/{noteId}", new { body }, ct);

    public Task<GitLabDiscussion> ResolveDiscussionAsync(string project, int iid, string discussionId, bool resolved, CancellationToken ct) =>
        SendAsync<GitLabDiscussion>(HttpMethod.Put, $"projects/{Project(project)}/merge_requests/{iid}/discussions/{Uri.EscapeDataString(discussionId)}?resolved={(resolved ? "true" : "false")}", null, ct);

    public Task<GitLabNote> CreateNoteAsync(string project, int iid, string body, CancellationToken ct) =>
        SendAsync<GitLabNote>(HttpMethod.Post, $"projects/{Project(project)}/merge_requests/{iid}/notes", new { body }, ct);

    public Task<GitLabNote> EditNoteAsync(string project, int iid, long noteId, string body, CancellationToken ct) =>
        SendAsync<GitLabNote>(HttpMethod.Put, $"projects/{Project(project)}/merge_requests/{iid}/notes/{noteId}", new { body }, ct);

    public Task<GitLabMergeRequest> UpdateLabelsAsync(string project, int iid, IReadOnlyList<string> add, IReadOnlyList<string> remove, CancellationToken ct) =>
        SendAsync<GitLabMergeRequest>(HttpMethod.Put, $"projects/{Project(project)}/merge_requests/{iid}",
            new { add_labels = add.Count > 0 ? string.Join(',', add) : null, remove_labels = remove.Count > 0 ? string.Join(',', remove) : null }, ct);

    public Task<GitLabCommitStatus> SetStatusAsync(string project, string sha, string state, string name, string description, string? targetUrl, CancellationToken ct) =>
        SendAsync<GitLabCommitStatus>(HttpMethod.Post, $"projects/{Project(project)}/statuses/{sha}", new { state, name, description, target_url = targetUrl }, ct);

    /// <summary>Awards an emoji on a note; GitLab answers 404 when this user already awarded it, which is the state we want.</summary>
    public async Task AwardEmojiAsync(string project, int iid, long noteId, string name, CancellationToken ct)
    {
        using var response = await http.PostAsync(new Uri(_api, $"projects/{Project(project)}/merge_requests/{iid}/notes/{noteId}/award_emoji?name={Uri.EscapeDataString(name)}"), null, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound && (await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false)).Contains("already been taken", StringComparison.Ordinal))
        {
            return;
        }

        await EnsureAsync(response, "POST", "award_emoji", ct).ConfigureAwait(false);
    }

    private async Task<T> GetAsync<T>(string path, CancellationToken ct)
    {
        using var response = await http.GetAsync(new Uri(_api, path), ct).ConfigureAwait(false);
        await EnsureAsync(response, "GET", path, ct).ConfigureAwait(false);
        return await ReadAsync<T>(response, path, ct).ConfigureAwait(false);
    }

    private async Task<List<T>> GetAllAsync<T>(string path, CancellationToken ct, int maxPages = 100)
    {
        var all = new List<T>();
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var page = "1";
        for (var n = 0; n < maxPages && !string.IsNullOrEmpty(page); n++)
        {
            using var response = await http.GetAsync(new Uri(_api, $"{path}{separator}per_page={PageSize}&page={page}"), ct).ConfigureAwait(false);
            await EnsureAsync(response, "GET", path, ct).ConfigureAwait(false);
            all.AddRange(await ReadAsync<List<T>>(response, path, ct).ConfigureAwait(false));
            page = response.Headers.TryGetValues("X-Next-Page", out var next) ? next.FirstOrDefault() : null;
        }

        return all;
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(_api, path));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        }

        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        await EnsureAsync(response, method.Method, path, ct).ConfigureAwait(false);
        return await ReadAsync<T>(response, path, ct).ConfigureAwait(false);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, string path, CancellationToken ct)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(Json, ct).ConfigureAwait(false)
                ?? throw new GitLabApiException(response.StatusCode, "GET", path, "empty body");
        }
        catch (JsonException ex)
        {
            throw new GitLabApiException($"GitLab {path}: unreadable answer ({ex.Message})", ex);
        }
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string method, string path, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        var queryless = path.Split('?')[0];
        throw new GitLabApiException(response.StatusCode, method, queryless, text.Length > 300 ? text[..300] : text);
    }
}

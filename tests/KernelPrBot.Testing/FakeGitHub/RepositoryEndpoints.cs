using System.Text;
using System.Text.Json.Nodes;

namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>Contents, collaborator permission and commit statuses.</summary>
internal static class RepositoryEndpoints
{
    private const int MaxStatusesPerContext = 1000;

    public static void Map(Router router, ServerState state)
    {
        router.Map("GET", "/repos/{owner}/{repo}/contents/{path}", AuthMode.Token, request => Contents(state, request));

        router.Map("GET", "/repos/{owner}/{repo}/collaborators/{username}/permission", AuthMode.Token, request =>
        {
            if (!state.TryRepository(request, out var repo, out var error))
            {
                return error;
            }

            var login = request.Value("username");
            var role = repo.Permission(login);
            var permission = role switch { "maintain" => "write", "triage" => "read", _ => role };
            var user = state.Json.User(login, "User");
            user["permissions"] = new JsonObject
            {
                ["admin"] = role == "admin",
                ["maintain"] = role is "admin" or "maintain",
                ["push"] = role is "admin" or "maintain" or "write",
                ["triage"] = role is "admin" or "maintain" or "write" or "triage",
                ["pull"] = role != "none",
            };
            user["role_name"] = role;
            return ApiResult.Ok(new JsonObject { ["permission"] = permission, ["role_name"] = role, ["user"] = user });
        });

        // Newest first, as GitHub lists them.
        router.Map("GET", "/repos/{owner}/{repo}/commits/{ref}/statuses", AuthMode.Token, request =>
        {
            if (!state.TryRepository(request, out var repo, out var error))
            {
                return error;
            }

            var sha = request.Value("ref");
            List<FakeCommitStatus> statuses;
            lock (repo.Sync)
            {
                if (!repo.Trees.ContainsKey(sha))
                {
                    return ApiResult.Message(404, "Not Found");
                }

                statuses = repo.StatusList.Where(s => s.Sha == sha).OrderByDescending(s => s.Id).ToList();
            }

            return Paging.Page(request, state.Json.Api, statuses, s => state.Json.Status(repo, s));
        });

        router.Map("POST", "/repos/{owner}/{repo}/statuses/{sha}", AuthMode.Token, request =>
        {
            if (!state.TryRepository(request, out var repo, out var error))
            {
                return error;
            }

            var sha = request.Value("sha");
            var context = request.String("context") ?? "default";
            lock (repo.Sync)
            {
                if (!repo.Trees.ContainsKey(sha))
                {
                    return ApiResult.Message(422, $"No commit found for SHA: {sha}");
                }

                if (repo.StatusList.Count(s => s.Sha == sha && s.Context.Equals(context, StringComparison.OrdinalIgnoreCase)) >= MaxStatusesPerContext)
                {
                    return ApiResult.ValidationFailed("Status", "", "custom", "This SHA and context has reached the maximum number of statuses.");
                }

                var status = new FakeCommitStatus(repo.Ids.Next(), sha, request.String("state") ?? "pending", context, request.String("description"),
                    request.String("target_url"), request.Caller.User!, repo.Now);
                repo.StatusList.Add(status);
                return ApiResult.Created(state.Json.Status(repo, status));
            }
        });
    }

    /// <summary>Any commit (or base tree) SHA of any PR is a valid ref, fork commits too; without a ref, the newest PR's base.</summary>
    private static ApiResult Contents(ServerState state, ApiRequest request)
    {
        if (!state.TryRepository(request, out var repo, out var error))
        {
            return error;
        }

        var path = request.Value("path").Trim('/');
        IReadOnlyDictionary<string, string>? tree;
        string sha;
        lock (repo.Sync)
        {
            var reference = request.Query.GetValueOrDefault("ref");
            var byBranch = repo.Pulls.Values.FirstOrDefault(p => p.HeadRef == reference);
            sha = reference is null ? repo.Pulls.Values.OrderBy(p => p.CreatedAt).LastOrDefault()?.BaseSha ?? ""
                : byBranch is not null ? byBranch.Changes.HeadShaUnlocked
                : reference;
            tree = repo.Trees.GetValueOrDefault(sha);
        }

        if (tree is null)
        {
            return ApiResult.Message(404, $"No commit found for the ref {request.Query.GetValueOrDefault("ref")}", "https://docs.github.com/rest/repos/contents#get-repository-content");
        }

        var api = state.Json.Api;
        if (!tree.TryGetValue(path, out var content))
        {
            var prefix = path.Length == 0 ? "" : path + "/";
            var children = tree.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            if (children.Count == 0)
            {
                return ApiResult.Message(404, "Not Found", "https://docs.github.com/rest/repos/contents#get-repository-content");
            }

            // A directory: list its files and subdirectories.
            var entries = children.Select(k => k[prefix.Length..].Split('/')[0]).Distinct().Order(StringComparer.Ordinal)
                .Select(name =>
                {
                    var full = prefix + name;
                    var isFile = tree.ContainsKey(full);
                    return (JsonNode)new JsonObject
                    {
                        ["type"] = isFile ? "file" : "dir",
                        ["name"] = name,
                        ["path"] = full,
                        ["sha"] = isFile ? GitObjects.BlobSha(tree[full]) : GitObjects.BlobSha("dir:" + full),
                        ["size"] = isFile ? Encoding.UTF8.GetByteCount(tree[full]) : 0,
                        ["url"] = $"{api}repos/{repo.FullName}/contents/{full}?ref={sha}",
                    };
                }).ToArray();
            return ApiResult.Ok(new JsonArray(entries));
        }

        var bytes = Encoding.UTF8.GetBytes(content);
        var accept = request.Accept ?? "";
        if (accept.Contains("application/vnd.github.raw", StringComparison.OrdinalIgnoreCase)
            || accept.Contains("application/vnd.github.v3.raw", StringComparison.OrdinalIgnoreCase))
        {
            // GitHub answers with the raw media type that was asked for; Octokit reads only its own v3 name as bytes.
            var media = accept.Contains("application/vnd.github.v3.raw", StringComparison.OrdinalIgnoreCase) ? "application/vnd.github.v3.raw" : "application/vnd.github.raw";
            return new ApiResult(200, null, bytes, media);
        }

        var blob = GitObjects.BlobSha(content);
        var url = $"{api}repos/{repo.FullName}/contents/{path}?ref={sha}";
        return ApiResult.Ok(new JsonObject
        {
            ["type"] = "file",
            ["encoding"] = "base64",
            ["size"] = bytes.Length,
            ["name"] = path.Split('/')[^1],
            ["path"] = path,
            ["content"] = Base64Lines(bytes),
            ["sha"] = blob,
            ["url"] = url,
            ["git_url"] = $"{api}repos/{repo.FullName}/git/blobs/{blob}",
            ["html_url"] = $"{GitHubJson.Web}{repo.FullName}/blob/{sha}/{path}",
            ["download_url"] = $"https://raw.githubusercontent.com/{repo.FullName}/{sha}/{path}",
            ["_links"] = new JsonObject
            {
                ["self"] = url,
                ["git"] = $"{api}repos/{repo.FullName}/git/blobs/{blob}",
                ["html"] = $"{GitHubJson.Web}{repo.FullName}/blob/{sha}/{path}",
            },
        });
    }

    /// <summary>GitHub wraps base64 content at 60 characters with "\n".</summary>
    private static string Base64Lines(byte[] bytes)
    {
        var text = Convert.ToBase64String(bytes);
        var sb = new StringBuilder();
        for (var i = 0; i < text.Length; i += 60)
        {
            sb.Append(text.AsSpan(i, Math.Min(60, text.Length - i))).Append('\n');
        }

        return sb.ToString();
    }
}

namespace KernelPrBot.Testing.FakeGitLab;

/// <summary>MR notes (summary comments) and award emoji on them.</summary>
internal static class NoteEndpoints
{
    /// <summary>GitLab's limit on a note body.</summary>
    public const int MaxBodyLength = 1_000_000;

    public static void Map(GitLabRouter router, GitLabState state)
    {
        router.Map("GET", "/projects/{id}/merge_requests/{merge_request_iid}/notes", request =>
            Lookup.WithMergeRequest(state, request, (p, mr) =>
            {
                var notes = p.DiscussionList.Where(d => d.Iid == mr.Iid).SelectMany(d => d.Notes.Select(n => (d, n)));
                notes = request.Param("activity_filter") switch
                {
                    "only_comments" => notes.Where(x => !x.n.System),
                    "only_activity" => notes.Where(x => x.n.System),
                    _ => notes,
                };

                // Default order: created_at, newest first; ids break ties as the fake's clock may not move.
                var byUpdated = request.Param("order_by") == "updated_at";
                var ordered = notes.OrderBy(x => byUpdated ? x.n.UpdatedAt : x.n.CreatedAt).ThenBy(x => x.n.Id).ToList();
                if (request.Param("sort") != "asc")
                {
                    ordered.Reverse();
                }

                return GitLabPaging.Page(request, state.ApiRoot, ordered, x => state.Json.Note(p, mr, x.d, x.n));
            }));

        router.Map("POST", "/projects/{id}/merge_requests/{merge_request_iid}/notes", request =>
            Lookup.WithMergeRequest(state, request, (p, mr) =>
            {
                var body = request.Param("body")!;
                if (CheckBody(state, request, body) is { } tooLong)
                {
                    return tooLong;
                }

                var note = p.AddNoteUnlocked(mr.Iid, request.User!.Username, body, system: false);
                var d = p.DiscussionList[^1];
                return GitLabResult.Created(state.Json.Note(p, mr, d, note));
            }));

        router.Map("PUT", "/projects/{id}/merge_requests/{merge_request_iid}/notes/{note_id}", request =>
            WithNote(state, request, (p, mr, d, n) => Edit(state, request, p, mr, d, n)));

        router.Map("GET", "/projects/{id}/merge_requests/{merge_request_iid}/notes/{note_id}/award_emoji", request =>
            WithNote(state, request, (p, _, _, n) =>
                GitLabPaging.Page(request, state.ApiRoot, p.Awards.Where(a => a.NoteId == n.Id).ToList(), state.Json.Award)));

        router.Map("POST", "/projects/{id}/merge_requests/{merge_request_iid}/notes/{note_id}/award_emoji", request =>
            WithNote(state, request, (p, _, _, n) =>
            {
                var name = request.Param("name")!;
                var login = request.User!.Username;
                if (p.Awards.Any(a => a.NoteId == n.Id && a.Name == name && a.User == login))
                {
                    return GitLabResult.Message(404, "404 Award Emoji Name has already been taken");
                }

                var award = new FakeAwardEmoji(p.Ids.Next(), n.Id, name, login, p.Now);
                p.Awards.Add(award);
                return GitLabResult.Created(state.Json.Award(award));
            }));
    }

    /// <summary>Null when the body is acceptable; else GitLab's 400 (recorded: the bot should have split or trimmed it).</summary>
    public static GitLabResult? CheckBody(GitLabState state, GitLabRequest request, string body)
    {
        if (body.Length <= MaxBodyLength)
        {
            return null;
        }

        state.AddViolation(request, $"note body of {body.Length} characters is over GitLab's {MaxBodyLength}");
        return GitLabResult.Message(400, "400 Bad request - Note {:note=>[\"is too long (maximum is 1000000 characters)\"]}");
    }

    /// <summary>Only the author may edit a note, and nobody a system note.</summary>
    public static GitLabResult Edit(GitLabState state, GitLabRequest request, FakeProject p, FakeMergeRequest mr, DiscussionState d, NoteState note)
    {
        if (note.System || !note.Author.Equals(request.User!.Username, StringComparison.OrdinalIgnoreCase))
        {
            return GitLabResult.Forbidden();
        }

        var body = request.Param("body")!;
        if (CheckBody(state, request, body) is { } tooLong)
        {
            return tooLong;
        }

        note.Body = body;
        note.UpdatedAt = p.Now;
        return GitLabResult.Ok(state.Json.Note(p, mr, d, note));
    }

    private static GitLabResult WithNote(GitLabState state, GitLabRequest request, Func<FakeProject, FakeMergeRequest, DiscussionState, NoteState, GitLabResult> handler) =>
        Lookup.WithMergeRequest(state, request, (p, mr) =>
        {
            var id = request.RouteLong("note_id");
            foreach (var d in p.DiscussionList.Where(x => x.Iid == mr.Iid))
            {
                if (d.Notes.FirstOrDefault(n => n.Id == id) is { } note)
                {
                    return handler(p, mr, d, note);
                }
            }

            return GitLabResult.NotFound("Note");
        });
}

namespace KernelPrBot.Testing.FakeGitLab;

/// <summary>MR discussions: list, start (optionally on a diff line), resolve, edit a note.</summary>
internal static class DiscussionEndpoints
{
    public static void Map(GitLabRouter router, GitLabState state)
    {
        router.Map("GET", "/projects/{id}/merge_requests/{merge_request_iid}/discussions", request =>
            Lookup.WithMergeRequest(state, request, (p, mr) =>
                GitLabPaging.Page(request, state.ApiRoot, p.DiscussionList.Where(d => d.Iid == mr.Iid).ToList(), d => state.Json.Discussion(p, mr, d))));

        router.Map("POST", "/projects/{id}/merge_requests/{merge_request_iid}/discussions", request =>
            Lookup.WithMergeRequest(state, request, (p, mr) =>
            {
                var body = request.Param("body")!;
                if (NoteEndpoints.CheckBody(state, request, body) is { } tooLong)
                {
                    return tooLong;
                }

                FakePosition? position = null;
                if (request.HasHash("position"))
                {
                    position = PositionResolver.Resolve(request, mr, p.FilesOf(mr), out var error, out var violation);
                    if (violation is not null)
                    {
                        state.AddViolation(request, violation);
                    }

                    if (position is null)
                    {
                        return GitLabResult.Message(400, error!);
                    }
                }

                var id = p.Ids.Next();
                var discussion = new DiscussionState { Id = p.DiscussionId(id), Iid = mr.Iid, IndividualNote = false, Resolvable = true };
                discussion.Notes.Add(new NoteState
                {
                    Id = id,
                    Author = request.User!.Username,
                    Body = body,
                    Type = position is null ? "DiscussionNote" : "DiffNote",
                    Position = position,
                    CreatedAt = p.Now,
                    UpdatedAt = p.Now,
                });
                p.DiscussionList.Add(discussion);
                return GitLabResult.Created(state.Json.Discussion(p, mr, discussion));
            }));

        router.Map("PUT", "/projects/{id}/merge_requests/{merge_request_iid}/discussions/{discussion_id}", request =>
            WithDiscussion(state, request, (p, mr, d) =>
            {
                if (!d.Resolvable)
                {
                    state.AddViolation(request, "an individual note cannot be resolved");
                    return GitLabResult.Message(403, "403 Forbidden");
                }

                Resolve(d, request.Bool("resolved")!.Value, request.User!.Username);
                return GitLabResult.Ok(state.Json.Discussion(p, mr, d));
            }));

        router.Map("PUT", "/projects/{id}/merge_requests/{merge_request_iid}/discussions/{discussion_id}/notes/{note_id}", request =>
            WithDiscussion(state, request, (p, mr, d) =>
            {
                var note = d.Notes.FirstOrDefault(n => n.Id == request.RouteLong("note_id"));
                if (note is null)
                {
                    return GitLabResult.NotFound("Note");
                }

                if (request.Bool("resolved") is { } resolved)
                {
                    if (!d.Resolvable)
                    {
                        return GitLabResult.Forbidden();
                    }

                    Resolve(d, resolved, request.User!.Username);
                    return GitLabResult.Ok(state.Json.Note(p, mr, d, note));
                }

                return NoteEndpoints.Edit(state, request, p, mr, d, note);
            }));
    }

    private static void Resolve(DiscussionState d, bool resolved, string by)
    {
        d.Resolved = resolved;
        d.ResolvedBy = resolved ? by : null;
    }

    private static GitLabResult WithDiscussion(GitLabState state, GitLabRequest request, Func<FakeProject, FakeMergeRequest, DiscussionState, GitLabResult> handler) =>
        Lookup.WithMergeRequest(state, request, (p, mr) =>
        {
            var d = p.DiscussionList.FirstOrDefault(x => x.Iid == mr.Iid && x.Id == request.Value("discussion_id"));
            return d is null ? GitLabResult.NotFound("Discussion") : handler(p, mr, d);
        });
}

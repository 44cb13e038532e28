using KernelPrBot.Testing.FakeForge;

namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>A pull request of a <see cref="FakeRepository"/>. Mutable state is guarded by the repository's lock.</summary>
public sealed class FakePullRequest
{
    internal FakePullRequest(object sync, long id, int number, string title, string authorLogin, string baseSha, string headRepositoryFullName, DateTimeOffset createdAt)
    {
        Changes = new ChangeRequestState(sync, baseSha, "open", createdAt);
        Id = id;
        Number = number;
        Title = title;
        AuthorLogin = authorLogin;
        HeadRepositoryFullName = headRepositoryFullName;
        CreatedAt = createdAt;
    }

    public long Id { get; }

    public int Number { get; }

    public string Title { get; }

    public string AuthorLogin { get; }

    public string BaseSha => Changes.BaseSha;

    public string BaseRef { get; } = "main";

    public string HeadRef => $"pr-{Number}";

    public string HeadRepositoryFullName { get; }

    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset UpdatedAt
    {
        get => Changes.UpdatedAt;
        internal set => Changes.UpdatedAt = value;
    }

    public string State => Changes.State;

    public string HeadSha => Changes.HeadSha;

    /// <summary>Commit SHAs, oldest first.</summary>
    public IReadOnlyList<string> CommitShas => Changes.CommitShas;

    internal ChangeRequestState Changes { get; }
}

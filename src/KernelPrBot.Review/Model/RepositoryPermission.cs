namespace KernelPrBot.Review.Model;

/// <summary>Repository roles, weakest first (GitHub's names; GitLab's access levels map onto them).</summary>
public enum RepositoryPermission
{
    None,
    Read,
    Triage,
    Write,
    Maintain,
    Admin,
}

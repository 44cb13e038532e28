namespace KernelPrBot.Review.Model;

public enum ForgeKind
{
    GitHub,
    GitLab,
}

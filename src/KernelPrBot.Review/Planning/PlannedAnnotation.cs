using KernelPrBot.Checks.Rules;

namespace KernelPrBot.Review.Planning;

/// <summary>A check-run annotation. <see cref="Key"/> identifies it among those already posted, to append only what is missing.</summary>
public sealed record PlannedAnnotation(string Path, int StartLine, int EndLine, Severity Severity, string Title, string Message)
{
    public string Key => KeyOf(Path, StartLine, Title);

    public static string KeyOf(string path, int startLine, string? title) => $"{path}:{startLine}:{title}";
}

namespace KernelPrBot.GitHub.Api;

public static class RepositoryName
{
    public static (string Owner, string Name) Split(string fullName)
    {
        var parts = fullName.Split('/');
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            throw new FormatException($"'{fullName}' is not owner/name");
        }

        return (parts[0], parts[1]);
    }
}

namespace KernelPrBot.Review.Ingress;

/// <summary>HTTP header names are case-insensitive; hosts hand ingress whatever dictionary they have.</summary>
public static class HeaderLookup
{
    public static string? Find(IReadOnlyDictionary<string, string> headers, string name)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (headers.TryGetValue(name, out var value))
        {
            return value;
        }

        foreach (var (key, v) in headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return v;
            }
        }

        return null;
    }
}

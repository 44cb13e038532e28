namespace KernelPrBot.Checks;

/// <summary>Shortens text from a patch before it goes into a message: a hostile patch can hold lines of megabytes.</summary>
public static class TextClip
{
    public static string Shorten(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 4);
        return text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 3), "...");
    }
}

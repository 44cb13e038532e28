namespace KernelPrBot.Checks.Index;

/// <summary>A parameter count; <see cref="Variadic"/> means at least <see cref="Count"/> arguments.</summary>
public readonly record struct Arity(int Count, bool Variadic)
{
    /// <summary>The most parameters the index can store for one definition.</summary>
    public const int MaxCount = 0x3FFF;

    internal ushort Encoded => (ushort)((Math.Min(Count, MaxCount) << 1) | (Variadic ? 1 : 0));

    internal static Arity Decode(int encoded) => new(encoded >> 1, (encoded & 1) != 0);

    /// <summary>Whether a call with <paramref name="arguments"/> arguments fits this definition.</summary>
    public bool Accepts(int arguments) => Variadic ? arguments >= Count : arguments == Count;

    public override string ToString() => Variadic ? $"{Count}+" : Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

namespace KernelPrBot.Checks.Index.Summaries;

/// <summary>A callback slot (<c>struct.field</c>) that the kernel's documentation says runs in atomic context, and where it says so.</summary>
public sealed record DocumentedSlot(string Struct, string Field, string Context, string Source, int Line);

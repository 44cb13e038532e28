namespace KernelPrBot.Checks.Claims;

/// <summary>What a model review of one patch cost: wall time, model calls and tool calls, tokens in and out.</summary>
public sealed record ClaimUsage(double Seconds, int ModelCalls, int ToolCalls, long InputTokens, long OutputTokens)
{
    public static ClaimUsage None { get; } = new(0, 0, 0, 0, 0);

    public ClaimUsage Plus(ClaimUsage other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Seconds + other.Seconds, ModelCalls + other.ModelCalls, ToolCalls + other.ToolCalls, InputTokens + other.InputTokens, OutputTokens + other.OutputTokens);
    }
}

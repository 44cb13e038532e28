namespace KernelPrBot.Review.ModelStage;

/// <summary>One tool call the model made: which tool, its arguments as JSON, how much it was given back, and for which patch.</summary>
public sealed record ToolCallRecord(string Patch, string Tool, string Arguments, int ResultCharacters);

namespace KernelPrBot.Testing.Fuzzing;

/// <summary>A fuzz target's result broke an invariant; thrown so that the fuzzer records the input as a crash.</summary>
public sealed class FuzzInvariantException : Exception
{
    public FuzzInvariantException()
    {
    }

    public FuzzInvariantException(string message)
        : base(message)
    {
    }

    public FuzzInvariantException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

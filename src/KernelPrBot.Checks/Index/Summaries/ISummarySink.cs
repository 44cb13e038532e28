namespace KernelPrBot.Checks.Index.Summaries;

/// <summary>Receives what <see cref="FunctionBodyScanner"/> and <see cref="InitializerScanner"/> find in one file.</summary>
public interface ISummarySink
{
    /// <summary>The file being scanned (relative path with '/'), which names the lock classes of its variables.</summary>
    string CurrentPath => string.Empty;

    /// <summary>Whether function bodies are to be scanned at all for this file.</summary>
    bool WantsBodies => true;

    /// <summary>Starts a function definition (<paramref name="isInit"/>: marked __init, run once at boot or load); the calls that follow are its own until <see cref="EndFunction"/>.</summary>
    void BeginFunction(ReadOnlySpan<char> name, bool isStatic, bool isInit, int line);

    /// <summary>A call; for an atomic position, <paramref name="cause"/> is the acquisition that makes it atomic, taken at <paramref name="causeLine"/>.</summary>
    void AddCall(ReadOnlySpan<char> callee, int line, CallPosition position, ReadOnlySpan<char> cause, int causeLine);

    /// <summary>A function handed to a registration or stored in an ops-table slot whose callback runs in atomic context.</summary>
    void AddRegistration(ReadOnlySpan<char> callback, string how, int line);

    /// <summary>A struct initializer's <c>.field = callback</c>, for slots documented as atomic.</summary>
    void AddSlotAssignment(ReadOnlySpan<char> structType, ReadOnlySpan<char> field, ReadOnlySpan<char> callback, int line);

    /// <summary>A name used as a value (its address taken, passed or stored): its callers cannot all be seen.</summary>
    void AddValueReference(ReadOnlySpan<char> name);

    void EndFunction(bool releasesCallersLock);

    /// <summary>What the function being scanned does with a lock its caller can name (see <see cref="LockFact"/>).</summary>
    void AddLockFact(LockFact fact)
    {
    }

    /// <summary>A quoted <c>#include "name"</c> of the file.</summary>
    void AddInclude(ReadOnlySpan<char> name)
    {
    }
}

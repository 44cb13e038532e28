using Azure;

namespace KernelPrBot.Hosting.Queues.Azure;

/// <summary>The storage answers that mean "someone else got there first" rather than a failure.</summary>
internal static class StorageErrors
{
    /// <summary>The message is gone, or our pop receipt is no longer its receipt: another lease took it over.</summary>
    public static bool IsLostLease(RequestFailedException ex) =>
        ex.Status == 404 || ex.ErrorCode is "MessageNotFound" or "PopReceiptMismatch";

    public static bool IsConflict(RequestFailedException ex) => ex.Status == 409;

    public static bool IsNotFound(RequestFailedException ex) => ex.Status == 404;
}

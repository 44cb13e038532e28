namespace KernelPrBot.Testing.FakeGitLab;

/// <summary>
/// GitLab's commit-status state machine as the fake enforces it. A status posted while a job of the same name and SHA is
/// pending or running moves that job: pending → running | success | failed | canceled, running → success | failed | canceled.
/// Anything else from an active job is refused as GitLab refuses it ("Cannot transition status via :run from :running",
/// ":enqueue from :pending"). Once the job has finished, a new post starts a new job, so any state is accepted.
/// </summary>
internal static class StatusTransitions
{
    /// <summary>Null when allowed; else GitLab's error message.</summary>
    public static string? Check(string from, string to)
    {
        var allowed = from switch
        {
            "pending" => to is "running" or "success" or "failed" or "canceled",
            "running" => to is "success" or "failed" or "canceled",
            _ => true,
        };
        return allowed ? null : $"Cannot transition status via :{Event(to)} from :{from}";
    }

    private static string Event(string to) => to switch
    {
        "pending" => "enqueue",
        "running" => "run",
        "success" => "succeed",
        "failed" => "drop",
        _ => "cancel",
    };
}

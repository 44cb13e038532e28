namespace KernelPrBot.Hosting.Queues.Azure;

/// <summary>Runs an initialisation (creating a queue or table) once per instance; a failed run is tried again by the next caller.</summary>
internal sealed class OnceAsync(Func<Task> run)
{
    private readonly Lock _gate = new();
    private Task? _task;

    public Task EnsureAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _task);
        if (current is { IsCompletedSuccessfully: true })
        {
            return current;
        }

        lock (_gate)
        {
            if (_task is null || _task.IsFaulted || _task.IsCanceled)
            {
                _task = Task.Run(run, CancellationToken.None);
            }

            return _task.WaitAsync(cancellationToken);
        }
    }
}

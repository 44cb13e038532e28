using Xunit;

namespace KernelPrBot.EndToEnd.Tests;

/// <summary>
/// Tests whose subject is a deadline (a lease renewed every second against a three-second visibility timeout)
/// run alone: beside the chaos runs and a dozen in-process servers on two cores, a timer can fire seconds late,
/// and the test would then measure the machine's load instead of the code.
/// </summary>
[CollectionDefinition(nameof(TimingSensitive), DisableParallelization = true)]
public sealed class TimingSensitive;

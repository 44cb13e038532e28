using KernelPrBot.Review.Model;

namespace KernelPrBot.Review.Ports;

/// <summary>Marks a pull request's status as errored when its review job was dead-lettered, saying why.</summary>
public interface IFailureReporter
{
    Task ReportFailureAsync(ReviewRequest request, string reason, CancellationToken cancellationToken = default);
}

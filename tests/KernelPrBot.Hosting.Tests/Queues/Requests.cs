using KernelPrBot.Review.Model;

namespace KernelPrBot.Hosting.Tests.Queues;

internal static class Requests
{
    public static ReviewRequest Pr(int number, string deliveryId = "d") => new()
    {
        Forge = ForgeKind.GitHub,
        Repository = "torvalds/linux",
        Number = number,
        HeadSha = "abc123",
        Trigger = ReviewTrigger.Opened,
        DeliveryId = deliveryId + number,
    };
}

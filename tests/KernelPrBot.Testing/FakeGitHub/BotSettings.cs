namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>The command-line settings that point <c>kernel-pr-bot serve</c> at a fake GitHub, with short test timings.</summary>
public static class BotSettings
{
    public const string WebhookSecret = "kernelprbot-test-secret";

    public static string[] For(FakeGitHubServer github, string queuePath, params string[] extra) =>
    [
        "--KernelPrBot:GitHub:ApiUrl=" + github.BaseUrl,
        "--KernelPrBot:GitHub:AppId=" + github.Options.AppId,
        "--KernelPrBot:GitHub:PrivateKey=" + github.Options.AppKey.ExportRSAPrivateKeyPem(),
        "--KernelPrBot:GitHub:WebhookSecret=" + WebhookSecret,
        "--KernelPrBot:Queue:Path=" + queuePath,
        "--KernelPrBot:Queue:PollInterval=00:00:00.050",
        "--KernelPrBot:Queue:VisibilityTimeout=00:00:03",
        "--KernelPrBot:Queue:RetryDelay=00:00:00.200",
        "--KernelPrBot:Queue:MaxAttempts=3",
        "--KernelPrBot:Queue:ReportSweepInterval=00:00:01",
        "--KernelPrBot:Queue:ReportLease=00:00:10",
        "--KernelPrBot:Http:MinWriteInterval=00:00:00.010",
        "--KernelPrBot:Http:BaseDelay=00:00:00.050",
        .. extra,
    ];
}

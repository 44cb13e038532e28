using KernelPrBot.Hosting.Server;
using KernelPrBot.Hosting.Settings;
using Xunit;

namespace KernelPrBot.Hosting.Tests.Server;

public sealed class SettingsLoaderTests
{
    private static KernelPrBotSettings Valid(string kind, string? connectionString = null) => new()
    {
        GitHub = { WebhookSecret = "s", Token = "t" },
        Queue = { Kind = kind, ConnectionString = connectionString },
    };

    [Theory]
    [InlineData("sqlite")]
    [InlineData("SQLite")]
    [InlineData("azure")]
    public void Both_queue_kinds_are_accepted(string kind)
    {
        Assert.Empty(SettingsLoader.Problems(Valid(kind, "UseDevelopmentStorage=true")));
    }

    [Fact]
    public void The_azure_queue_needs_a_connection_string()
    {
        var problem = Assert.Single(SettingsLoader.Problems(Valid("azure")));
        Assert.Contains("KernelPrBot:Queue:ConnectionString", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_queue_kind_is_named_with_the_choices()
    {
        var problem = Assert.Single(SettingsLoader.Problems(Valid("redis")));
        Assert.Contains("'redis': use sqlite or azure", problem, StringComparison.Ordinal);
    }
}

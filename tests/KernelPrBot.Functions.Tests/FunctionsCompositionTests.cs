using KernelPrBot.Hosting.Queues;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace KernelPrBot.Functions.Tests;

public sealed class FunctionsCompositionTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    [Fact]
    public void The_queue_is_azure_on_the_runtimes_storage_account_unless_one_is_named()
    {
        var settings = FunctionsComposition.Settings(Config(("AzureWebJobsStorage", "UseDevelopmentStorage=true")));

        Assert.Equal(QueueKinds.Azure, settings.Queue.Kind);
        Assert.Equal("UseDevelopmentStorage=true", settings.Queue.ConnectionString);
        Assert.Equal("other", FunctionsComposition.Settings(Config(("AzureWebJobsStorage", "x"), ("KernelPrBot:Queue:ConnectionString", "other"))).Queue.ConnectionString);
    }

    [Fact]
    public void A_sqlite_queue_is_refused_because_no_trigger_would_read_it()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => FunctionsComposition.Settings(Config(("KernelPrBot:Queue:Kind", "sqlite"))));
        Assert.Contains("triggered by the azure queue", ex.Message, StringComparison.Ordinal);
    }
}

using KernelPrBot.Hosting.Queues.Azure;
using KernelPrBot.Testing.Azurite;
using Xunit;

namespace KernelPrBot.Hosting.Tests.Queues.Azure;

/// <summary>The Azure Table delivery log against a real Azurite, including ids no table key may hold as they are.</summary>
public sealed class AzureDeliveryLogTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    public static readonly string[] Hostile =
    [
        "72d3162e-cc78-11e3-81ab-4c9367dc0958",
        "a/b", "a\\b", "#fragment", "what?", "/\\#?", "'; DROP TABLE deliveries; --", "%2F", "~2F", "..", ".",
        "tab\there", "nul\0byte", "\u001f\u007f\u0085\u009f", "line\r\nbreak", "ünïcødé", "😀 emoji", "\uFFFE",
        new string('/', 200), new string('x', 200), "O'Brien & <Sons>", " leading and trailing ",
    ];

    public static TheoryData<string> HostileIds() => new(Hostile);

    private AzureDeliveryLog NewLog(string? table = null) =>
        new(new AzureQueueOptions { ConnectionString = azurite.ConnectionString, DeliveryTable = table ?? AzuriteFixture.UniqueName("t") });

    [AzuriteFact]
    public async Task A_delivery_is_new_once_then_seen_until_forgotten()
    {
        var log = NewLog();

        Assert.True(await log.TryRecordAsync("GitHub", "d-1"));
        Assert.False(await log.TryRecordAsync("GitHub", "d-1"));
        Assert.True(await log.TryRecordAsync("GitLab", "d-1"));
        await log.ForgetAsync("GitHub", "d-1");
        await log.ForgetAsync("GitHub", "d-1");
        Assert.True(await log.TryRecordAsync("GitHub", "d-1"));
    }

    [AzuriteFact]
    public async Task Hostile_delivery_ids_are_recorded_deduplicated_and_forgotten_each_on_its_own()
    {
        var log = NewLog();
        var ids = Hostile;

        foreach (var id in ids)
        {
            Assert.True(await log.TryRecordAsync("GitHub", id), $"first record of {Printable(id)}");
        }

        foreach (var id in ids)
        {
            Assert.False(await log.TryRecordAsync("GitHub", id), $"second record of {Printable(id)}");
        }

        await log.ForgetAsync("GitHub", ids[1]);
        Assert.True(await log.TryRecordAsync("GitHub", ids[1]));
        Assert.False(await log.TryRecordAsync("GitHub", ids[2]));
    }

    [AzuriteFact]
    public async Task Two_instances_racing_on_one_delivery_record_it_once()
    {
        var table = AzuriteFixture.UniqueName("t");
        var logs = Enumerable.Range(0, 8).Select(_ => NewLog(table)).ToList();
        await logs[0].TryRecordAsync("GitHub", "warm-up");

        var results = await Task.WhenAll(logs.Select(l => l.TryRecordAsync("GitHub", "race")));

        Assert.Single(results, r => r);
    }

    [AzuriteFact]
    public async Task Prune_removes_rows_older_than_the_cutoff()
    {
        var log = NewLog();
        await log.TryRecordAsync("GitHub", "old");

        Assert.Equal(0, await log.PruneAsync(DateTimeOffset.UtcNow.AddDays(-7)));
        Assert.Equal(1, await log.PruneAsync(DateTimeOffset.UtcNow.AddMinutes(1)));
        Assert.True(await log.TryRecordAsync("GitHub", "old"));
    }

    private static string Printable(string id) => string.Concat(id.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}

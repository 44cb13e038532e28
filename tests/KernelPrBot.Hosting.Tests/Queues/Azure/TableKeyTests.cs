using KernelPrBot.Hosting.Queues.Azure;
using Xunit;

namespace KernelPrBot.Hosting.Tests.Queues.Azure;

public sealed class TableKeyTests
{
    [Theory]
    [MemberData(nameof(AzureDeliveryLogTests.HostileIds), MemberType = typeof(AzureDeliveryLogTests))]
    public void Keys_hold_only_characters_tables_allow_and_stay_short(string id)
    {
        var key = TableKey.Encode(id);

        Assert.All(key, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~', $"'{c}' in {key}"));
        Assert.InRange(key.Length, 0, TableKey.MaxEscapedLength + 1);
    }

    [Fact]
    public void A_GitHub_delivery_guid_reads_unchanged()
    {
        Assert.Equal("72d3162e-cc78-11e3-81ab-4c9367dc0958", TableKey.Encode("72d3162e-cc78-11e3-81ab-4c9367dc0958"));
    }

    [Fact]
    public void Different_ids_never_share_a_key()
    {
        var hashed = new string('/', 200);
        var ids = new[] { "A", "~41", "~", "~~", "a/b", "a~2Fb", "a%2Fb", hashed, "~~" + TableKey.Encode(hashed)[2..], new string('x', 300), new string('x', 301) };

        Assert.Equal(ids.Length, ids.Select(TableKey.Encode).Distinct(StringComparer.Ordinal).Count());
    }
}

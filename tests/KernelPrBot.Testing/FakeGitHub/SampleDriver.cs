namespace KernelPrBot.Testing.FakeGitHub;

/// <summary>A small driver with a real context bug (a sleeping allocation under a spinlock) and its fix.</summary>
public static class SampleDriver
{
    public const string DriverPath = "drivers/net/ethernet/acme/acme_main.c";

    public const string Base = """
        // SPDX-License-Identifier: GPL-2.0
        #include <linux/slab.h>
        #include <linux/spinlock.h>

        struct acme_priv {
        	spinlock_t lock;
        	void *rx_buf;
        	unsigned int rx_len;
        };

        static int acme_reset(struct acme_priv *priv)
        {
        	priv->rx_len = 0;
        	return 0;
        }

        """;

    public static readonly string Buggy = Base + """
        static int acme_fill_rx(struct acme_priv *priv, unsigned int len)
        {
        	unsigned long flags;

        	spin_lock_irqsave(&priv->lock, flags);
        	priv->rx_buf = kmalloc(len, GFP_KERNEL);
        	priv->rx_len = len;
        	spin_unlock_irqrestore(&priv->lock, flags);
        	return priv->rx_buf ? 0 : -ENOMEM;
        }

        """;

    public static readonly string Fixed = Buggy.Replace("GFP_KERNEL", "GFP_ATOMIC", StringComparison.Ordinal);

    public static int LineOf(string source, string text) =>
        Array.FindIndex(source.Split('\n'), l => l.Contains(text, StringComparison.Ordinal)) + 1;

    public const string AddMessage = "net: acme: allocate the rx buffer on fill\n\nThe buffer was allocated at probe time and leaked on reset.\n\nSigned-off-by: Jane Developer <jane@example.org>\n";

    public const string FixMessage = "net: acme: do not sleep under the rx lock\n\nkmalloc(GFP_KERNEL) may sleep; the lock is held with interrupts off.\n\nSigned-off-by: Jane Developer <jane@example.org>\n";
}

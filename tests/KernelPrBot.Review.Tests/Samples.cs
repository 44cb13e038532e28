using KernelPrBot.Review.Model;
using KernelPrBot.Testing;

namespace KernelPrBot.Review.Tests;

/// <summary>A small pull request with a real context bug (GFP_KERNEL under a spinlock) and its fix.</summary>
internal static class Samples
{
    public const string Path = "drivers/net/acme/acme_main.c";

    public const string Base = """
        // SPDX-License-Identifier: GPL-2.0
        #include <linux/slab.h>
        #include <linux/spinlock.h>

        struct acme {
        	spinlock_t lock;
        	void *buf;
        };

        static int acme_reset(struct acme *a)
        {
        	return 0;
        }

        """;

    public static readonly string Buggy = Base + """
        static int acme_fill(struct acme *a)
        {
        	unsigned long flags;

        	spin_lock_irqsave(&a->lock, flags);
        	a->buf = kmalloc(64, GFP_KERNEL);
        	spin_unlock_irqrestore(&a->lock, flags);
        	return a->buf ? 0 : -ENOMEM;
        }

        """;

    public static readonly string Fixed = Buggy.Replace("GFP_KERNEL", "GFP_ATOMIC", StringComparison.Ordinal);

    public const string SignedMessage = "net: acme: fill the buffer\n\nAllocate the receive buffer when the device resets.\n\nSigned-off-by: Jane Developer <jane@example.org>\n";

    /// <summary>The hunks GitHub's files API gives for a file: the unified diff without its file headers.</summary>
    public static string Hunks(string path, string? before, string? after)
    {
        var diff = PatchBuilder.Diff(path, before, after);
        return diff[diff.IndexOf("@@", StringComparison.Ordinal)..];
    }

    public static Change Change(string after, string message = SignedMessage, string head = "head1", int number = 7) => new()
    {
        Forge = ForgeKind.GitHub,
        Repository = "acme/linux",
        Number = number,
        Author = "jane",
        BaseSha = "base0",
        HeadSha = head,
        Commits = [new ChangeCommit(head, "Jane Developer", "jane@example.org", null, message)],
        Files = [new ChangedFile(Path, null, ChangedFileStatus.Modified, Hunks(Path, Base, after))],
    };
}

using System.Text.Json;
using KernelPrBot.Testing.FakeGitHub;

namespace KernelPrBot.Testing.FakeModel;

/// <summary>
/// The driver the model-stage tests review (the sample driver's sleeping allocation, plus a function that releases
/// the wrong lock, which no rule reports) and a model answer with one claim for each verdict and one malformed entry.
/// </summary>
public static class ModelSample
{
    public const string Model = "fake-kernel-reviewer";

    public static readonly string Driver = SampleDriver.Buggy + """
        static int acme_swap_cfg(struct acme_priv *priv, struct acme_priv *other)
        {
        	mutex_lock(&priv->cfg_lock);
        	priv->rx_len = other->rx_len;
        	mutex_unlock(&other->cfg_lock);
        	return 0;
        }

        """;

    public static int KmallocLine => SampleDriver.LineOf(Driver, "kmalloc(len, GFP_KERNEL)");

    public static int WrongUnlockLine => SampleDriver.LineOf(Driver, "mutex_unlock(&other->cfg_lock);");

    public static int ReturnLine => SampleDriver.LineOf(Driver, "return priv->rx_buf ? 0 : -ENOMEM;");

    public static int RxLenLine => SampleDriver.LineOf(Driver, "priv->rx_len = len;");

    /// <summary>Confirmed (reported by the rules too), confirmed (new), contradicted, not checkable, out of diff, malformed.</summary>
    public static string Claims => JsonSerializer.Serialize(new
    {
        claims = new object[]
        {
            Claim(KmallocLine, "atomic-sleeping-alloc", 0.9, "kmalloc(GFP_KERNEL) under spin_lock_irqsave()"),
            Claim(WrongUnlockLine, "lock-not-released", 0.8, "unlocks other->cfg_lock but took priv->cfg_lock, which stays held"),
            Claim(ReturnLine, "lock-not-released", 0.4, "returns with the rx lock held"),
            Claim(RxLenLine, "other", 0.5, "rx_len is set even when the allocation failed"),
            new { file = "drivers/net/ethernet/acme/acme_hw.c", line = 3, kind = "sleep-in-atomic", confidence = 0.3, explanation = "a file this change does not touch" },
            new { file = SampleDriver.DriverPath, line = "abc", kind = "other", confidence = 0.1, explanation = "a line that is not a number" },
        },
    });

    /// <summary>Asks for one tool, then answers with <see cref="Claims"/>.</summary>
    public static ModelReply Conversation(ModelRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.ToolResults == 0
            ? new ModelReply.ToolCall("find_function", """{"name":"acme_fill_rx"}""")
            : new ModelReply.Final(Claims);
    }

    /// <summary>The bot's Llm settings pointed at a fake model server.</summary>
    public static string[] Settings(FakeModelServer model, string cacheDirectory, params string[] extra)
    {
        ArgumentNullException.ThrowIfNull(model);
        return
        [
            "--KernelPrBot:Llm:Enabled=true",
            "--KernelPrBot:Llm:Provider=openai",
            "--KernelPrBot:Llm:Endpoint=" + model.BaseUrl,
            "--KernelPrBot:Llm:Model=" + Model,
            "--KernelPrBot:Llm:ApiKey=" + FakeModelServer.Key,
            "--KernelPrBot:Llm:CacheDirectory=" + cacheDirectory,
            "--KernelPrBot:Llm:AttemptTimeoutSeconds=10",
            .. extra,
        ];
    }

    private static object Claim(int line, string kind, double confidence, string explanation) =>
        new { file = SampleDriver.DriverPath, line, kind, confidence, function = "acme", explanation };
}

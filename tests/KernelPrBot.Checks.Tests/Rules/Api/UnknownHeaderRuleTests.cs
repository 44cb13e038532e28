using KernelPrBot.Checks.Rules.Api;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Checks.Tests.Rules.Api;

public sealed class UnknownHeaderRuleTests
{
    private static readonly UnknownHeaderRule Rule = new();

    [Fact]
    public void Reports_headers_that_exist_nowhere()
    {
        var findings = RuleRunner.AssertMarkedInNewFile(Rule, """
            #include <linux/slab.h>
            [|#include <linux/slob.h>|]
            #include <linux/types.h>
            #include <asm/io.h>
            #include <asm/barrier.h>
            #include <generated/autoconf.h>
            #include "acme_regs.h"
            [|#include "acme_regz.h"|]
            #include "../net/ethernet/intel/e1000/e1000.h"
            #include "e1000/e1000.h"
            [|#include "../../acme_regs.h"|]
            #include "acme_table.c"
            #include TRACE_INCLUDE(TRACE_INCLUDE_FILE)
            """, options: TestIndex.Options);
        Assert.Contains("did you mean <linux/slab.h>?", findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Headers_added_by_the_series_count()
    {
        var patch = new PatchBuilder().SignedOffByAuthor()
            .AddFile("include/linux/acme.h", "struct acme;\n")
            .AddFile("drivers/misc/acme_priv.h", "struct acme_priv;\n")
            .AddFile("drivers/misc/acme_main.c", "#include <linux/acme.h>\n#include \"acme_priv.h\"\n")
            .Build();
        Assert.Empty(RuleRunner.Run(Rule, patch, TestIndex.Options));
    }
}

using KernelPrBot.Checks.Rules.License;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Checks.Tests.Rules.License;

public sealed class SpdxLicenseRuleTests
{
    private static readonly SpdxLicenseRule Rule = new();

    private static IReadOnlyList<(int Line, string Message)> Run(string path, string content) =>
        RuleRunner.Run(Rule, new PatchBuilder().SignedOffByAuthor().AddFile(path, content).Build()).Select(f => (f.Line, f.Message)).ToList();

    [Theory]
    [InlineData("drivers/a.c", "// SPDX-License-Identifier: GPL-2.0-only\nint a;\n")]
    [InlineData("include/linux/a.h", "/* SPDX-License-Identifier: GPL-2.0 */\n#define A 1\n")]
    [InlineData("drivers/a/Makefile", "# SPDX-License-Identifier: GPL-2.0\nobj-y += a.o\n")]
    [InlineData("drivers/a/Kconfig", "# SPDX-License-Identifier: GPL-2.0-only\nconfig A\n")]
    [InlineData("tools/a.sh", "#!/bin/sh\n# SPDX-License-Identifier: GPL-2.0\necho\n")]
    [InlineData("Documentation/a.rst", ".. SPDX-License-Identifier: GPL-2.0\n\nTitle\n")]
    [InlineData("include/uapi/linux/a.h", "/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */\n")]
    [InlineData("drivers/b.c", "// SPDX-License-Identifier: (GPL-2.0-only OR BSD-3-Clause)\n")]
    [InlineData("drivers/c.c", "// SPDX-License-Identifier: GPL-2.0-only OR Apache-2.0\n")]
    [InlineData("data/table.txt", "no tag needed\n")]
    public void Accepts_correct_tags(string path, string content) => Assert.Empty(Run(path, content));

    [Fact]
    public void Reports_a_new_c_file_without_a_tag() =>
        Assert.Equal(1, Assert.Single(Run("drivers/a.c", "#include <linux/a.h>\n")).Line);

    [Theory]
    [InlineData("include/linux/a.h", "// SPDX-License-Identifier: GPL-2.0\n", "uses '//' style; this file type uses '/*'")]
    [InlineData("drivers/a.c", "/* SPDX-License-Identifier: GPL-2.0 */\n", "uses '/*' style; this file type uses '//'")]
    [InlineData("drivers/a.c", "//SPDX-License-Identifier: GPL-2.0\n", "malformed SPDX line")]
    [InlineData("drivers/a/Makefile", "obj-y += a.o\n", "has no SPDX-License-Identifier on line 1")]
    [InlineData("tools/a.sh", "#!/bin/sh\necho\n", "on line 2")]
    [InlineData("tools/a.sh", "# SPDX-License-Identifier: GPL-2.0\n#!/bin/sh\necho\n", "'#!' line must be the first line")]
    [InlineData("drivers/a.c", "// SPDX-License-Identifier: GPL-2.0-foo\n", "not a licence the kernel accepts")]
    [InlineData("drivers/a.c", "// SPDX-License-Identifier: gpl-2.0\n", "case-sensitive")]
    [InlineData("drivers/a.c", "// SPDX-License-Identifier: Apache-2.0\n", "does not allow use under GPL-2.0-only")]
    [InlineData("drivers/a.c", "// SPDX-License-Identifier: GPL-2.0 WITH Foo-exception\n", "not a licence exception")]
    [InlineData("drivers/a.c", "// SPDX-License-Identifier: X11\n", "LICENSES/deprecated")]
    [InlineData("include/dt-bindings/clock/a.h", "/* SPDX-License-Identifier: GPL-2.0 */\n", "dual-licensed")]
    public void Reports_wrong_tags(string path, string content, string expected) =>
        Assert.Contains(Run(path, content), f => f.Message.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void Reports_a_misplaced_tag_spanning_line_one_to_the_tag()
    {
        var findings = RuleRunner.Run(Rule, new PatchBuilder().SignedOffByAuthor().AddFile("drivers/a.c", "/*\n * Acme driver\n// SPDX-License-Identifier: GPL-2.0\n */\n").Build());
        var f = Assert.Single(findings);
        Assert.Equal((1, 3), (f.Line, f.EndLine));
    }

    [Fact]
    public void Does_not_check_modified_files()
    {
        var patch = new PatchBuilder().SignedOffByAuthor().ModifyFile("drivers/a.c", "int a;\n", "int a;\nint b;\n").Build();
        Assert.Empty(RuleRunner.Run(Rule, patch));
    }
}

using KernelPrBot.Checks.Source;
using Xunit;

namespace KernelPrBot.Checks.Tests.Source;

public sealed class CLexerTests
{
    private static List<(TokenKind Kind, string Text, int Line)> Lex(string source) =>
        CLexer.Lex(source).Select(t => (t.Kind, t.Text(source), t.Line)).ToList();

    [Fact]
    public void Keeps_lines_across_comments_strings_and_continuations()
    {
        var tokens = Lex("/* a\n b */ x = \"s\\\"t\" + 'c';\n#define M(a) \\\n\tdo { } while (0)\ny;\n");
        Assert.Equal((TokenKind.Comment, "/* a\n b */", 1), tokens[0]);
        Assert.Equal((TokenKind.Identifier, "x", 2), tokens[1]);
        Assert.Equal((TokenKind.StringLiteral, "\"s\\\"t\"", 2), tokens[3]);
        Assert.Equal((TokenKind.CharLiteral, "'c'", 2), tokens[5]);
        Assert.Equal((TokenKind.Directive, "#define", 3), tokens[7]);
        Assert.Contains(tokens, t => t is (TokenKind.Identifier, "do", 4));
        var directive = CLexer.Lex("#define M(a) \\\n\tdo { } while (0)\ny;\n");
        Assert.True(directive.Single(t => t.Is("#define M(a) \\\n\tdo { } while (0)\ny;\n", "while")).InDirective);
        Assert.False(directive.Single(t => t.Is("#define M(a) \\\n\tdo { } while (0)\ny;\n", "y")).InDirective);
        Assert.Equal((TokenKind.Identifier, "y", 5), tokens[^2]);
    }

    [Fact]
    public void Reads_include_header_names_and_multi_char_operators()
    {
        var tokens = Lex("#include <linux/slab.h>\na->b <<= c ... d;");
        Assert.Equal((TokenKind.StringLiteral, "<linux/slab.h>", 1), tokens[1]);
        Assert.Equal(["a", "->", "b", "<<=", "c", "...", "d", ";"], tokens.Skip(2).Select(t => t.Text));
    }

    [Theory]
    [InlineData("/* never closed")]
    [InlineData("\"never closed")]
    [InlineData("'x")]
    [InlineData("#")]
    [InlineData("\\")]
    [InlineData("u8\"s\" L'c' 0x1fULL 1.5e-3 .5")]
    public void Never_fails_on_broken_input(string source) => Assert.NotNull(CLexer.Lex(source));
}

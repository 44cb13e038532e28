using CsCheck;
using KernelPrBot.Checks.Analysis.Context;
using KernelPrBot.Checks.Source;
using Xunit;

namespace KernelPrBot.Checks.Tests.Source;

/// <summary>Random C-like token soup and mutated functions: lexer, function finder, statement parser and path walk always finish.</summary>
public sealed class SourceModelPropertyTests
{
    private static readonly string[] Vocabulary =
    [
        "{", "}", "(", ")", ";", "if", "else", "while", "for", "do", "switch", "case 1:", "default:", "return", "goto out;", "out:",
        "break;", "continue;", "spin_lock(&l);", "spin_unlock(&l);", "mutex_lock(&m);", "mutex_unlock(&m);", "rcu_read_lock();",
        "rcu_read_unlock();", "msleep(1);", "kmalloc(8, GFP_KERNEL);", "x", "=", "ret", "<", "0", "!", "spin_trylock(&l)",
        "scoped_guard(spinlock, &l)", "guard(mutex)(&m);", "list_for_each_entry(p, h, n)", "#if 0", "#else", "#endif", "/*", "*/",
        "\"", "'", "\\\n", "static int f(void)", "static void g(int a)", "__acquires(l)", "?", ":", ",", "rcu_dereference(p)",
    ];

    private static void MustFinish(string text)
    {
        var analysis = SourceContextAnalysis.Analyze(text, CLexer.Lex(text));
        Assert.All(analysis.Functions, f => Assert.True(f.Function.EndLine >= f.Function.Line));
    }

    [Fact]
    public void Token_soup_never_throws_or_hangs() =>
        Gen.OneOfConst(Vocabulary).Array[0, 200].Select(words => string.Join(' ', words)).Sample(MustFinish, iter: 3000);

    [Fact]
    public void Functions_with_random_bodies_never_throw_or_hang() =>
        Gen.OneOfConst(Vocabulary).Array[0, 120].Select(words => "static int f(struct a *a)\n{\n" + string.Join('\n', words) + "\n}\n")
            .Sample(MustFinish, iter: 3000);
}

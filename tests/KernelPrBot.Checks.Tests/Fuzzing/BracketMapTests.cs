using CsCheck;
using KernelPrBot.Checks.Source;
using Xunit;

namespace KernelPrBot.Checks.Tests.Fuzzing;

/// <summary>The one-pass bracket map answers as the scanning <see cref="ScanningBrackets"/> does, on balanced and broken bracket soup.</summary>
public sealed class BracketMapTests
{
    private static readonly Gen<string> Soup = Gen.OneOfConst("(", ")", "[", "]", "{", "}", ",", "a", "f(", "x,").Array[0, 40].Select(a => string.Join(' ', a));

    [Fact]
    public void Agrees_with_token_ranges() =>
        Gen.Select(Soup, Gen.Int[0, 60], Gen.Int[0, 60], Gen.Int[0, 60]).Sample((text, a, b, limit) =>
        {
            var code = CLexer.Lex(text);
            var map = new BracketMap(text, code);
            for (var open = 0; open < code.Count; open++)
            {
                Assert.Equal(ScanningBrackets.Close(text, code, open, limit), map.Close(open, limit));
            }

            var (start, end) = (Math.Min(a, code.Count), Math.Min(b, code.Count));
            Assert.Equal(ScanningBrackets.SplitArguments(text, code, start, end), map.SplitArguments(start, end));
        }, iter: 20_000);
}

using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using KernelPrBot.Testing;
using Xunit;
using Xunit.Abstractions;

namespace KernelPrBot.EndToEnd.Tests.Audit;

/// <summary>
/// Every regular expression the shipped code holds is bounded: NonBacktracking (linear) or a finite match timeout,
/// so that no patch or webhook can pin a worker. This project's output has every shipped assembly but the Functions
/// worker, which the source scan below covers.
/// </summary>
public sealed class RegexAuditTests(ITestOutputHelper output)
{
    private const BindingFlags Static = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    private static IEnumerable<Assembly> ShippedAssemblies() =>
        Directory.EnumerateFiles(AppContext.BaseDirectory, "KernelPrBot.*.dll")
            .Concat(Directory.EnumerateFiles(AppContext.BaseDirectory, "kernel-pr-bot*.dll"))
            .Select(Path.GetFileNameWithoutExtension)
            .Where(name => !name!.EndsWith(".Tests", StringComparison.Ordinal) && name != "KernelPrBot.Testing")
            .Select(name => Assembly.Load(name!));

    private static IEnumerable<(string Where, Regex Regex)> StaticRegexes(Type type)
    {
        if (type.ContainsGenericParameters)
        {
            yield break;
        }

        foreach (var field in type.GetFields(Static))
        {
            if (typeof(Regex).IsAssignableFrom(field.FieldType) || (typeof(IEnumerable).IsAssignableFrom(field.FieldType) && field.FieldType.ToString().Contains("Regex", StringComparison.Ordinal)))
            {
                foreach (var regex in Flatten(field.GetValue(null)))
                {
                    yield return ($"{type.FullName}.{field.Name}", regex);
                }
            }
        }

        // [GeneratedRegex] partial methods and properties hand out one cached instance each.
        foreach (var method in type.GetMethods(Static).Where(m => m.ReturnType == typeof(Regex) && m.GetParameters().Length == 0 && !m.ContainsGenericParameters))
        {
            yield return ($"{type.FullName}.{method.Name}()", (Regex)method.Invoke(null, null)!);
        }
    }

    private static IEnumerable<Regex> Flatten(object? value) => value switch
    {
        Regex regex => [regex],
        IEnumerable items => items.Cast<object?>().OfType<Regex>(),
        _ => [],
    };

    [Fact]
    public void Every_static_regex_is_non_backtracking_or_has_a_timeout()
    {
        var assemblies = ShippedAssemblies().ToList();
        Assert.Contains(assemblies, a => a.GetName().Name == "KernelPrBot.Checks");
        Assert.Contains(assemblies, a => a.GetName().Name == "KernelPrBot.Review");
        Assert.Contains(assemblies, a => a.GetName().Name == "KernelPrBot.Hosting");
        Assert.Contains(assemblies, a => a.GetName().Name == "kernel-pr-bot-server");
        var found = assemblies.SelectMany(a => a.GetTypes()).SelectMany(StaticRegexes).ToList();
        foreach (var (where, regex) in found.OrderBy(f => f.Where, StringComparer.Ordinal))
        {
            output.WriteLine($"{where}: {(regex.Options.HasFlag(RegexOptions.NonBacktracking) ? "NonBacktracking" : regex.MatchTimeout.ToString())}");
        }

        Assert.True(found.Count >= 30, $"found only {found.Count} regexes: the scan no longer sees them");
        var unbounded = found
            .Where(f => !f.Regex.Options.HasFlag(RegexOptions.NonBacktracking) && f.Regex.MatchTimeout == Regex.InfiniteMatchTimeout)
            .Select(f => $"{f.Where}: /{f.Regex}/")
            .ToList();
        Assert.True(unbounded.Count == 0, "regexes without NonBacktracking or a match timeout:\n" + string.Join('\n', unbounded));
    }

    [Fact]
    public void Every_regex_built_or_called_in_the_source_is_bounded()
    {
        var roots = new[] { "src", "functions" }.Select(d => TestPaths.InRepo(d));
        var files = roots.SelectMany(r => Directory.EnumerateFiles(r, "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        var calls = files.SelectMany(f => RegexCallScanner.Calls(File.ReadAllText(f)).Select(c => (File: Path.GetRelativePath(TestPaths.RepoRoot, f), c.Line, c.Call, c.Arguments))).ToList();
        foreach (var c in calls)
        {
            output.WriteLine($"{c.File}:{c.Line}: {c.Call}");
        }

        Assert.True(calls.Count >= 30, $"found only {calls.Count} regex constructions and calls: the scan no longer sees them");
        var unbounded = calls.Where(c => !RegexCallScanner.IsBounded(c.Call, c.Arguments)).Select(c => $"{c.File}:{c.Line}: {c.Call}({c.Arguments})").ToList();
        Assert.True(unbounded.Count == 0, "regexes without NonBacktracking or a match timeout:\n" + string.Join('\n', unbounded));
    }

    [Theory]
    [InlineData("var ok = Regex.IsMatch(text, @\"^a+$\");", false)]
    [InlineData("Regex.Replace(s, \"(x)\", \"y\", RegexOptions.None, TimeSpan.FromSeconds(1))", true)]
    [InlineData("static readonly Regex R = new(\n  @\"^(a|b)\"\")*$\",\n  RegexOptions.CultureInvariant);", false)]
    [InlineData("static readonly Regex R = new(@\"^a\", RegexOptions.NonBacktracking);", true)]
    [InlineData("[GeneratedRegex(@\"^a(\", RegexOptions.CultureInvariant)]", false)]
    [InlineData("[GeneratedRegex(@\"^a\", RegexOptions.CultureInvariant, 1000)]", true)]
    [InlineData("return new Regex(pattern, options | RegexOptions.CultureInvariant, Timeout);", true)]
    public void Scanner_sees_unbounded_calls(string source, bool bounded)
    {
        var call = Assert.Single(RegexCallScanner.Calls(source));
        Assert.Equal(bounded, RegexCallScanner.IsBounded(call.Call, call.Arguments));
    }
}

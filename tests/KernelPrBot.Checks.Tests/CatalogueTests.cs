using System.Reflection;
using KernelPrBot.Checks.Analysis;
using KernelPrBot.Checks.Rules;
using KernelPrBot.Testing;
using Xunit;

namespace KernelPrBot.Checks.Tests;

/// <summary>
/// The catalogue checks itself: unique ids, a test class and a help page per rule. That the README's rule table lists
/// every rule is checked against <c>rules --markdown</c> in the CLI tests.
/// </summary>
public sealed class CatalogueTests
{
    [Fact]
    public void Rule_ids_are_unique_lower_case_slugs()
    {
        Assert.Equal(RuleCatalog.Ids.Count, RuleCatalog.Ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(RuleCatalog.Ids, id => Assert.Matches("^[a-z]+(-[a-z]+)*$", id));
    }

    [Fact]
    public void Every_rule_class_in_the_library_is_in_the_catalogue()
    {
        var ruleTypes = typeof(Rule).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Rule)) && !t.IsAbstract).ToList();
        Assert.Equal(ruleTypes.Select(t => t.FullName).Order(), RuleCatalog.All.Select(r => r.GetType().FullName).Order());
        Assert.All(ruleTypes, t => Assert.True(t.IsSealed, $"{t.Name} should be sealed"));
    }

    [Fact]
    public void Every_rule_has_a_test_class_named_after_it()
    {
        var testTypes = Assembly.GetExecutingAssembly().GetTypes().Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        Assert.All(RuleCatalog.All, r => Assert.Contains(r.GetType().Name + "Tests", testTypes));
    }

    [Fact]
    public void Every_rule_has_a_help_page_that_names_it()
    {
        foreach (var d in RuleCatalog.All.Select(r => r.Descriptor))
        {
            var page = TestPaths.InRepo(d.HelpLink.Split('/'));
            Assert.True(File.Exists(page), $"{d.HelpLink} is missing");
            Assert.StartsWith($"# {d.Id}", File.ReadAllText(page), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Descriptors_are_complete()
    {
        Assert.All(RuleCatalog.All.Select(r => r.Descriptor), d =>
        {
            Assert.False(string.IsNullOrWhiteSpace(d.Title));
            Assert.True(d.HelpText.Length > 60, $"{d.Id}: help text is too short to help");
            Assert.StartsWith("kpb: ", d.Label, StringComparison.Ordinal);
        });
    }
}

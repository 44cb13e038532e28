using KernelPrBot.Testing.FakeGitHub;
using Xunit;

namespace KernelPrBot.Testing.Tests.FakeGitHub;

public class OpenApiValidationTests
{
    [Fact]
    public async Task Correct_requests_give_no_violation()
    {
        await using var s = await Scenario.StartAsync();
        await s.PostAsync($"{Scenario.Prefix}/check-runs", new
        {
            name = "n",
            head_sha = s.Pr.HeadSha,
            status = "completed",
            conclusion = "success",
            output = new { title = "t", summary = "s", annotations = new[] { new { path = "a", start_line = 1, end_line = 1, annotation_level = "failure", message = "m" } } },
        });
        await s.GetAsync($"{Scenario.Prefix}/pulls/1/files?per_page=100&page=1");
        await s.PostAsync($"{Scenario.Prefix}/issues/1/labels", new { labels = new object[] { "a", new { name = "b" } } });
        s.Server.AssertNoViolations();
    }

    [Fact]
    public async Task Wrong_types_missing_properties_and_bad_query_values_are_violations()
    {
        await using var s = await Scenario.StartAsync();
        Assert.Equal(422, (await s.PostAsync($"{Scenario.Prefix}/issues/1/comments", new { body = 5 })).Status);
        Assert.Equal(422, (await s.PostAsync($"{Scenario.Prefix}/issues/1/comments", "{not json")).Status);
        Assert.Equal(422, (await s.PostAsync($"{Scenario.Prefix}/issues/1/labels", new { labels = Array.Empty<string>() })).Status);
        Assert.Equal(422, (await s.GetAsync($"{Scenario.Prefix}/pulls/1/files?per_page=many")).Status);
        Assert.Equal(422, (await s.PostAsync($"{Scenario.Prefix}/check-runs", new
        {
            name = "n",
            head_sha = s.Pr.HeadSha,
            actions = new[] { new { label = "a", identifier = "b" } },
        })).Status);

        var v = s.Server.Violations;
        Assert.Equal("POST /repos/torvalds/linux/issues/1/comments: body: expected string, got number 5", v[0]);
        Assert.StartsWith("POST /repos/torvalds/linux/issues/1/comments: the request body is not valid JSON", v[1], StringComparison.Ordinal);
        Assert.Equal("POST /repos/torvalds/linux/issues/1/labels: labels: has 0 items, fewer than the minimum of 1", v[2]);
        Assert.Equal("GET /repos/torvalds/linux/pulls/1/files: query parameter 'per_page': 'many' is not an integer", v[3]);
        Assert.Equal("POST /repos/torvalds/linux/check-runs: actions[0].description: required property is missing", v[4]);
        Assert.Empty(s.Repo.IssueComments(1));
    }

    [Fact]
    public async Task Validation_can_be_switched_off()
    {
        await using var s = await Scenario.StartAsync(new FakeGitHubOptions { ValidateAgainstOpenApi = false });
        Assert.Equal(201, (await s.PostAsync($"{Scenario.Prefix}/issues/1/comments", new { body = "x", extra = 1 })).Status);
        Assert.Empty(s.Server.Violations);
    }
}

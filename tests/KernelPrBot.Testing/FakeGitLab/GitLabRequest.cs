using System.Globalization;
using KernelPrBot.Testing.FakeForge;

namespace KernelPrBot.Testing.FakeGitLab;

/// <summary>
/// A request as the handlers see it. GitLab (Grape) merges query, form and JSON body parameters into one set; so does
/// <see cref="Params"/>, with nested JSON flattened to Rails-style keys (<c>position[new_line]</c>).
/// </summary>
internal sealed class GitLabRequest : IForgeRequest
{
    public required string Method { get; init; }

    /// <summary>The path relative to <c>/api/v4</c>, with a leading "/", as sent (still URL-encoded).</summary>
    public required string Path { get; init; }

    public required IReadOnlyList<string> Segments { get; init; }

    public required string RawQuery { get; init; }

    public string? Body { get; init; }

    public required IReadOnlyDictionary<string, string> Params { get; init; }

    /// <summary>The token from <c>PRIVATE-TOKEN</c> or <c>Authorization: Bearer</c>.</summary>
    public string? Token { get; init; }

    public GitLabUser? User { get; set; }

    /// <summary>Why the body could not be read as parameters, if it could not; answered after authentication.</summary>
    public string? BodyProblem { get; init; }

    public Dictionary<string, string> Route { get; set; } = new(StringComparer.Ordinal);

    public string Value(string routeName) => Route[routeName];

    public long RouteLong(string routeName) =>
        long.TryParse(Route[routeName], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;

    public string? Param(string name) => Params.GetValueOrDefault(name);

    public bool Has(string name) => Params.ContainsKey(name);

    public int? Int(string name) =>
        Params.TryGetValue(name, out var v) && int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;

    public bool? Bool(string name) => Params.TryGetValue(name, out var v) ? ParamReader.ParseBool(v) : null;

    /// <summary>True when any <c>name[...]</c> key was sent (a Grape Hash parameter).</summary>
    public bool HasHash(string name) => Params.Keys.Any(k => k.StartsWith(name + "[", StringComparison.Ordinal));
}

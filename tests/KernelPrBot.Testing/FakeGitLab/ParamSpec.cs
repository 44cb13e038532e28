namespace KernelPrBot.Testing.FakeGitLab;

internal enum ParamKind
{
    String,
    Integer,
    Float,
    Boolean,

    /// <summary>An array given as a JSON array, <c>name[]=</c> pairs or a comma-separated string.</summary>
    List,
}

/// <summary>
/// One documented parameter. <see cref="Within"/> names the Grape Hash it belongs to (<c>position</c>): then
/// <see cref="Required"/> applies only when that Hash was sent at all.
/// </summary>
internal sealed record ParamSpec(string Name, ParamKind Kind, bool Required = false, IReadOnlyList<string>? Values = null, string? Within = null);

/// <summary>An endpoint's documented parameters, path ones included, and Grape's "at least / exactly one of" groups.</summary>
internal sealed record EndpointSpec(
    string Method,
    string Template,
    IReadOnlyList<ParamSpec> Params,
    IReadOnlyList<string>? AtLeastOneOf = null,
    IReadOnlyList<string>? ExactlyOneOf = null);

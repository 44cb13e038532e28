using System.Text;

namespace KernelPrBot.Checks.Index;

/// <summary>
/// A name built by token pasting in a macro body, <c>trace_ ## name</c> or <c>le ## size ## _get_bits</c>: literal
/// pieces and macro parameters (by position). <see cref="Instantiate"/> fills in the arguments of an invocation.
/// </summary>
public sealed record NameTemplate(IReadOnlyList<string?> Literals, IReadOnlyList<int> Parameters)
{
    /// <summary>A template of literals only.</summary>
    public static NameTemplate Literal(string text) => new([text], [-1]);

    public bool IsLiteral => Parameters.All(p => p < 0);

    /// <summary>The name for these arguments, or null when an argument needed is missing.</summary>
    public string? Instantiate(IReadOnlyList<string?> arguments)
    {
        var sb = new StringBuilder();
        for (var k = 0; k < Parameters.Count; k++)
        {
            if (Parameters[k] < 0)
            {
                sb.Append(Literals[k]);
            }
            else if (Parameters[k] < arguments.Count && arguments[Parameters[k]] is { } argument)
            {
                sb.Append(argument);
            }
            else
            {
                return null;
            }
        }

        return sb.Length == 0 ? null : sb.ToString();
    }

    /// <summary>The template with each parameter replaced by the outer template given for it (null when one is missing).</summary>
    public NameTemplate? Substitute(IReadOnlyList<NameTemplate?> arguments)
    {
        var literals = new List<string?>();
        var parameters = new List<int>();
        for (var k = 0; k < Parameters.Count; k++)
        {
            if (Parameters[k] < 0)
            {
                literals.Add(Literals[k]);
                parameters.Add(-1);
            }
            else if (Parameters[k] < arguments.Count && arguments[Parameters[k]] is { } outer)
            {
                literals.AddRange(outer.Literals);
                parameters.AddRange(outer.Parameters);
            }
            else
            {
                return null;
            }
        }

        return new NameTemplate(literals, parameters);
    }
}

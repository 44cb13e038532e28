using System.Globalization;

namespace KernelPrBot.Testing.FakeGitLab;

/// <summary>Checks a request against its <see cref="EndpointSpec"/> and words the problems as Grape does.</summary>
internal static class ParamValidator
{
    /// <summary><paramref name="values"/>: query/body parameters plus route values.</summary>
    public static List<string> Validate(EndpointSpec spec, IReadOnlyDictionary<string, string> values)
    {
        var errors = new List<string>();
        foreach (var p in spec.Params)
        {
            var sent = values.TryGetValue(p.Name, out var value);
            if (!sent)
            {
                var applies = p.Within is null || values.Keys.Any(k => k.StartsWith(p.Within + "[", StringComparison.Ordinal));
                if (p.Required && applies)
                {
                    errors.Add($"{p.Name} is missing");
                }

                continue;
            }

            if (!HasType(p.Kind, value!))
            {
                errors.Add($"{p.Name} is invalid");
            }
            else if (p.Values is not null && !p.Values.Contains(value, StringComparer.Ordinal))
            {
                errors.Add($"{p.Name} does not have a valid value");
            }
        }

        if (spec.AtLeastOneOf is { } any && !any.Any(values.ContainsKey))
        {
            errors.Add($"{string.Join(", ", any)} are missing, at least one parameter must be provided");
        }

        if (spec.ExactlyOneOf is { } one && one.Count(values.ContainsKey) != 1)
        {
            errors.Add(one.Any(values.ContainsKey)
                ? $"{string.Join(", ", one)} are mutually exclusive"
                : $"{string.Join(", ", one)} are missing, exactly one parameter must be provided");
        }

        return errors;
    }

    private static bool HasType(ParamKind kind, string value) => kind switch
    {
        ParamKind.Integer => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
        ParamKind.Float => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
        ParamKind.Boolean => ParamReader.ParseBool(value) is not null,
        _ => true,
    };
}

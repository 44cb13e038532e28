namespace KernelPrBot.Cli;

/// <summary>Reads <c>--name value</c>, <c>--name=value</c>, flags and positional arguments, rejecting unknown options.</summary>
public sealed class ArgumentReader
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly List<string> _positional = [];

    public ArgumentReader(IReadOnlyList<string> args, IReadOnlySet<string> valueOptions, IReadOnlySet<string> flags)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                _positional.AddRange(args.Skip(i + 1));
                break;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                _positional.Add(arg);
                continue;
            }

            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? arg[..eq] : arg;
            if (flags.Contains(name))
            {
                if (eq > 0)
                {
                    throw new UsageException($"option {name} takes no value");
                }

                _options[name] = null;
            }
            else if (valueOptions.Contains(name))
            {
                if (eq > 0)
                {
                    _options[name] = arg[(eq + 1)..];
                }
                else if (i + 1 < args.Count)
                {
                    _options[name] = args[++i];
                }
                else
                {
                    throw new UsageException($"option {name} needs a value");
                }
            }
            else
            {
                var known = valueOptions.Concat(flags).OrderBy(o => o, StringComparer.Ordinal);
                throw new UsageException($"unknown option '{name}'; the options are {string.Join(", ", known)}");
            }
        }
    }

    public IReadOnlyList<string> Positional => _positional;

    public bool Has(string name) => _options.ContainsKey(name);

    public string? Value(string name) => _options.GetValueOrDefault(name);

    public T Choice<T>(string name, T fallback, IReadOnlyDictionary<string, T> choices)
    {
        var value = Value(name);
        if (value is null)
        {
            return fallback;
        }

        return choices.TryGetValue(value, out var choice)
            ? choice
            : throw new UsageException($"{name} must be one of {string.Join(", ", choices.Keys)}, not '{value}'");
    }
}

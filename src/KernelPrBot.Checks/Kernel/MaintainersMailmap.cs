namespace KernelPrBot.Checks.Kernel;

/// <summary>The tree's <c>.mailmap</c>, read the way get_maintainer.pl reads it (names and addresses by old address or "Name &lt;address&gt;").</summary>
public sealed class MaintainersMailmap
{
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _addresses = new(StringComparer.Ordinal);

    public static MaintainersMailmap Empty { get; } = new();

    public static MaintainersMailmap Parse(string text)
    {
        var map = new MaintainersMailmap();
        foreach (var raw in text.Split('\n'))
        {
            var hash = raw.IndexOf('#', StringComparison.Ordinal);
            var line = (hash >= 0 ? raw[..hash] : raw).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var parts = new List<(string Name, string Address)>();
            var rest = line;
            while (rest.Length > 0)
            {
                var open = rest.IndexOf('<', StringComparison.Ordinal);
                var close = open < 0 ? -1 : rest.IndexOf('>', open);
                if (close < 0)
                {
                    break;
                }

                parts.Add((rest[..open].Trim(), rest[(open + 1)..close]));
                rest = rest[(close + 1)..].Trim();
            }

            if (parts.Count == 1 && parts[0].Name.Length > 0)
            {
                var (name, address) = MaintainersEmail.Parse($"{parts[0].Name} <{parts[0].Address}>");
                map._names[address] = name;
            }
            else if (parts.Count == 2 && parts[0].Name.Length == 0 && parts[1].Name.Length == 0)
            {
                map._addresses[parts[1].Address] = parts[0].Address;
            }
            else if (parts.Count == 2 && parts[1].Name.Length == 0)
            {
                var (name, address) = MaintainersEmail.Parse($"{parts[0].Name} <{parts[0].Address}>");
                map._names[parts[1].Address] = name;
                map._addresses[parts[1].Address] = address;
            }
            else if (parts.Count == 2)
            {
                var (name, address) = MaintainersEmail.Parse($"{parts[0].Name} <{parts[0].Address}>");
                var (wrongName, wrongAddress) = MaintainersEmail.Parse($"{parts[1].Name} <{parts[1].Address}>");
                var key = MaintainersEmail.Format(wrongName, wrongAddress);
                map._names[key] = name;
                map._addresses[key] = address;
            }
        }

        return map;
    }

    /// <summary>get_maintainer.pl's mailmap_email: by "Name &lt;address&gt;" first, else by address.</summary>
    public string Map(string email)
    {
        var (name, address) = MaintainersEmail.Parse(email);
        var formatted = MaintainersEmail.Format(name, address);
        var realName = name;
        var realAddress = address;
        if (_names.ContainsKey(formatted) || _addresses.ContainsKey(formatted))
        {
            realName = _names.GetValueOrDefault(formatted, realName);
            realAddress = _addresses.GetValueOrDefault(formatted, realAddress);
        }
        else
        {
            realName = _names.GetValueOrDefault(address, realName);
            realAddress = _addresses.GetValueOrDefault(address, realAddress);
        }

        return MaintainersEmail.Format(realName, realAddress);
    }
}

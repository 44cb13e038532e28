using System.Globalization;
using System.Text.Json;

namespace KernelPrBot.ModelReview.Tools;

/// <summary>A tool call's arguments as the model sent them (JSON values, or strings), read with checks: a missing or wrong argument is the model's error, told back to it.</summary>
internal sealed class ToolArguments(IDictionary<string, object?>? arguments)
{
    public string? String(string name)
    {
        if (arguments is null || !arguments.TryGetValue(name, out var value) || value is null)
        {
            return null;
        }

        return value switch
        {
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            JsonElement { ValueKind: JsonValueKind.Number } e => e.GetRawText(),
            JsonElement => null,
            string s => s,
            IConvertible c => c.ToString(CultureInfo.InvariantCulture),
            _ => null,
        };
    }

    public string Required(string name) => String(name) is { Length: > 0 } text ? text : throw new ToolException($"'{name}' is required");

    public int? Int(string name)
    {
        var text = String(name);
        return text is null ? null : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : throw new ToolException($"'{name}' must be a whole number");
    }
}

/// <summary>A tool call the toolbox refuses (bad argument, path outside the tree): the message goes back to the model.</summary>
internal sealed class ToolException(string message) : Exception(message);

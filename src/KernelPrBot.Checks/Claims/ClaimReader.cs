using System.Globalization;
using System.Text.Json;
using KernelPrBot.Checks.Patches;

namespace KernelPrBot.Checks.Claims;

/// <summary>
/// Reads claims from JSON: a recorded answers file (<c>{"model", "patches":[{"commit","subject","claims":[…],"usage"}]}</c>)
/// or one model reply (<c>{"claims":[…]}</c>). Each claim is checked on its own: one that is not well formed (no file,
/// a line that is not a positive number, a kind we do not know, a path that leaves the tree) is dropped with the reason,
/// never guessed at, and the others are kept.
/// </summary>
public static class ClaimReader
{
    public const int MaxClaimsPerPatch = 50;
    public const int MaxExplanationLength = 2_000;
    public const long MaxDocumentBytes = 32L * 1024 * 1024;
    private const int MaxPathLength = 1_024;
    private const int MaxLine = 10_000_000;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>A recorded answers file.</summary>
    /// <exception cref="ClaimFormatException">Not JSON, too large, or without a model name and a list of patches.</exception>
    public static ModelAnswers ReadAnswers(ReadOnlyMemory<byte> json)
    {
        using var document = Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ClaimFormatException("the model answers are not a JSON object");
        }

        var model = root.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String && m.GetString() is { Length: > 0 and <= 200 } name
            ? name
            : throw new ClaimFormatException("the model answers do not name the model (\"model\": a string of 1 to 200 characters)");
        if (!root.TryGetProperty("patches", out var patches) || patches.ValueKind != JsonValueKind.Array)
        {
            throw new ClaimFormatException("the model answers have no \"patches\" list");
        }

        var answers = new List<PatchAnswer>();
        var index = 0;
        foreach (var patch in patches.EnumerateArray())
        {
            index++;
            if (patch.ValueKind != JsonValueKind.Object)
            {
                throw new ClaimFormatException($"patch {index} of the model answers is not an object");
            }

            var (claims, dropped) = ReadClaimList(patch);
            answers.Add(new PatchAnswer(OptionalString(patch, "commit", 64), OptionalString(patch, "subject", 1_000), claims, dropped, ReadUsage(patch)));
        }

        return new ModelAnswers(model, answers);
    }

    /// <summary>One model reply: its claims, and what was dropped. A reply that is not a JSON object with a claims list drops everything.</summary>
    public static (IReadOnlyList<ModelClaim> Claims, IReadOnlyList<string> Dropped) ReadReply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var json = StripFence(text);
        try
        {
            using var document = Parse(System.Text.Encoding.UTF8.GetBytes(json));
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? ReadClaimList(document.RootElement)
                : ([], ["the reply is not a JSON object"]);
        }
        catch (ClaimFormatException ex)
        {
            return ([], [ex.Message]);
        }
    }

    private static JsonDocument Parse(ReadOnlyMemory<byte> json)
    {
        if (json.Length > MaxDocumentBytes)
        {
            throw new ClaimFormatException($"the model answers are {json.Length / 1048576.0:F1} MiB, more than the {MaxDocumentBytes / 1048576} MiB allowed");
        }

        try
        {
            return JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new ClaimFormatException($"the model answers are not valid JSON (line {ex.LineNumber + 1}: {ex.Message.Split('.')[0]})");
        }
    }

    /// <summary>Models often wrap JSON in a Markdown fence; the fence is not part of the answer.</summary>
    private static string StripFence(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.StartsWith("```", StringComparison.Ordinal))
        {
            return trimmed;
        }

        var start = trimmed.IndexOf('\n', StringComparison.Ordinal);
        var end = trimmed.LastIndexOf("```", StringComparison.Ordinal);
        return start >= 0 && end > start ? trimmed[(start + 1)..end] : trimmed;
    }

    private static (IReadOnlyList<ModelClaim>, IReadOnlyList<string>) ReadClaimList(JsonElement owner)
    {
        if (!owner.TryGetProperty("claims", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return ([], ["no \"claims\" list"]);
        }

        var claims = new List<ModelClaim>();
        var dropped = new List<string>();
        var n = 0;
        foreach (var item in list.EnumerateArray())
        {
            n++;
            if (claims.Count >= MaxClaimsPerPatch)
            {
                dropped.Add($"claim {n}: more than {MaxClaimsPerPatch} claims for one patch");
                continue;
            }

            if (TryReadClaim(item, out var claim, out var why))
            {
                claims.Add(claim);
            }
            else
            {
                dropped.Add($"claim {n}: {why}");
            }
        }

        return (claims, dropped);
    }

    private static bool TryReadClaim(JsonElement item, out ModelClaim claim, out string why)
    {
        claim = null!;
        if (item.ValueKind != JsonValueKind.Object)
        {
            why = "not an object";
            return false;
        }

        var file = OptionalString(item, "file", MaxPathLength + 1);
        if (file is null || file.Length == 0 || file.Length > MaxPathLength)
        {
            why = "no file (a path of 1 to 1,024 characters)";
            return false;
        }

        file = file.Replace('\\', '/');
        if (file.StartsWith("a/", StringComparison.Ordinal) || file.StartsWith("b/", StringComparison.Ordinal))
        {
            file = file[2..]; // a diff's side prefix
        }

        if (!GitPath.IsSafeRelative(file, out var unsafePath))
        {
            why = $"the path '{TextClip.Shorten(file, 80)}' is not a relative path inside the tree: {unsafePath}";
            return false;
        }

        if (!item.TryGetProperty("line", out var lineValue) || lineValue.ValueKind != JsonValueKind.Number || !lineValue.TryGetInt32(out var line) || line is < 1 or > MaxLine)
        {
            why = "no line (a whole number from 1)";
            return false;
        }

        var kind = OptionalString(item, "kind", 64)?.Trim().ToLowerInvariant();
        if (kind is null || !ClaimKinds.IsKnown(kind))
        {
            why = $"the kind '{TextClip.Shorten(kind ?? "(none)", 64)}' is none of ours (or 'other')";
            return false;
        }

        if (!item.TryGetProperty("confidence", out var confidenceValue) || confidenceValue.ValueKind != JsonValueKind.Number ||
            !confidenceValue.TryGetDouble(out var confidence) || double.IsNaN(confidence) || confidence is < 0 or > 1)
        {
            why = "no confidence (a number from 0 to 1)";
            return false;
        }

        var explanation = OptionalString(item, "explanation", int.MaxValue);
        if (string.IsNullOrWhiteSpace(explanation))
        {
            why = "no explanation";
            return false;
        }

        var function = OptionalString(item, "function", 200);
        claim = new ModelClaim(file, line, kind, confidence, TextClip.Shorten(explanation.Trim(), MaxExplanationLength),
            function is { Length: > 0 } && function.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? function : null);
        why = string.Empty;
        return true;
    }

    private static ClaimUsage ReadUsage(JsonElement patch)
    {
        if (!patch.TryGetProperty("usage", out var usage) || usage.ValueKind != JsonValueKind.Object)
        {
            return ClaimUsage.None;
        }

        double Number(string name) => usage.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && d >= 0 && double.IsFinite(d) ? d : 0;
        return new ClaimUsage(Number("seconds"), (int)Math.Min(int.MaxValue, Number("modelCalls")), (int)Math.Min(int.MaxValue, Number("toolCalls")),
            (long)Math.Min(long.MaxValue / 2, Number("inputTokens")), (long)Math.Min(long.MaxValue / 2, Number("outputTokens")));
    }

    private static string? OptionalString(JsonElement owner, string name, int maxLength) =>
        owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { } text
            ? text.Length <= maxLength ? text : text[..maxLength]
            : null;

    internal static string Invariant(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

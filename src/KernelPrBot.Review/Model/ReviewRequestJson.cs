using System.Text.Json;
using System.Text.Json.Serialization;

namespace KernelPrBot.Review.Model;

/// <summary>The queue's wire format for <see cref="ReviewRequest"/>: compact JSON, enums as names.</summary>
public static class ReviewRequestJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(ReviewRequest request) => JsonSerializer.Serialize(request, Options);

    /// <exception cref="FormatException">The text is not a review request.</exception>
    public static ReviewRequest Deserialize(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ReviewRequest>(json, Options)
                ?? throw new FormatException("review request is JSON null");
        }
        catch (JsonException ex)
        {
            throw new FormatException("not a review request: " + ex.Message, ex);
        }
    }
}

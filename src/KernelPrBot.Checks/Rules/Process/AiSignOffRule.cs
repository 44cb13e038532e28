using System.Text.RegularExpressions;
using KernelPrBot.Checks.Kernel;

namespace KernelPrBot.Checks.Rules.Process;

/// <summary>
/// Documentation/process/coding-assistants.rst: AI agents must not add Signed-off-by (only humans can certify
/// the DCO); the tool is credited as <c>Assisted-by: AGENT_NAME:MODEL_VERSION [TOOL1] [TOOL2]</c>.
/// </summary>
public sealed partial class AiSignOffRule : Rule
{
    public override RuleDescriptor Descriptor { get; } = new(
        RuleIds.AiSignOff,
        "AI tool in a sign-off, or malformed Assisted-by",
        RuleCategory.Process,
        Severity.Error,
        "Only humans can certify the Developer Certificate of Origin: an AI tool must not appear in Signed-off-by: or " +
        "Co-developed-by:. Credit it with 'Assisted-by: AGENT_NAME:MODEL_VERSION [TOOL...]' " +
        "(https://docs.kernel.org/process/coding-assistants.html); the human submitter signs off and is responsible for every line.");

    [GeneratedRegex(@"^[^\s:<>@]+:[^\s:<>@]+(?:\s+[^\s:<>@]+)*$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex AssistedByForm { get; }

    public override void AnalyzeCommit(CommitContext context)
    {
        foreach (var trailer in context.Commit.Trailers)
        {
            if (trailer.Is(SignatureTags.AssistedBy))
            {
                if (!AssistedByForm.IsMatch(trailer.Value))
                {
                    context.Report(trailer.PatchLine,
                        $"'Assisted-by: {trailer.Value}' is not in the form 'AGENT_NAME:MODEL_VERSION [TOOL...]', e.g. 'Assisted-by: Claude:claude-3-opus coccinelle sparse'",
                        "assisted-form:" + trailer.Value);
                }

                continue;
            }

            var personTag = trailer.Is(SignatureTags.SignedOffBy) || trailer.Is(SignatureTags.CoDevelopedBy) ||
                            trailer.Is("Co-authored-by") || trailer.Is("Generated-by");
            if (!personTag || trailer.Person is not { } person)
            {
                continue;
            }

            var tool = AiAgentNames.Match(person.Name, person.Email);
            if (tool is null)
            {
                continue;
            }

            var message = trailer.Is("Co-authored-by") || trailer.Is("Generated-by")
                ? $"'{trailer.Key}: {person}' credits an AI tool ({tool}); the kernel uses 'Assisted-by: AGENT_NAME:MODEL_VERSION' instead"
                : $"'{trailer.Key}: {person}' names an AI tool ({tool}); only humans can certify the DCO — credit the tool with 'Assisted-by: AGENT_NAME:MODEL_VERSION' and sign off yourself";
            context.Report(trailer.PatchLine, message, "ai:" + trailer.Key.ToLowerInvariant() + ":" + person.Email.ToLowerInvariant(),
                "https://docs.kernel.org/process/coding-assistants.html");
        }
    }
}

using System.Text.Json;
using Microsoft.Extensions.AI;

namespace KernelPrBot.ModelReview.Tools;

/// <summary>One read-only tool the model may call: a name, what it does, its arguments' JSON schema, and the code that answers.</summary>
internal sealed class KernelTool(string name, string description, string schema, Func<ToolArguments, string> run) : AIFunction
{
    private readonly JsonElement _schema = JsonDocument.Parse(schema).RootElement.Clone();

    public override string Name => name;

    public override string Description => description;

    public override JsonElement JsonSchema => _schema;

    public string Run(IDictionary<string, object?>? arguments) => run(new ToolArguments(arguments));

    protected override ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken) =>
        new(Run(arguments));
}

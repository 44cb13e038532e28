using System.Diagnostics;
using System.Text.Json;
using KernelPrBot.Checks.Claims;
using KernelPrBot.Checks.Patches;
using KernelPrBot.ModelReview.Tools;
using KernelPrBot.Review.Model;
using KernelPrBot.Review.ModelStage;
using Microsoft.Extensions.AI;

namespace KernelPrBot.ModelReview;

/// <summary>
/// The model stage over an <see cref="IChatClient"/>: one conversation per patch with C changes, the kernel model as
/// tools, bounded in model calls, tool calls, tokens and time; the final answer read as claims (malformed ones
/// dropped and counted). Answers are kept per head and model, so a re-run asks nothing again.
/// </summary>
public sealed class ModelReviewer(IChatClient client, ModelStageOptions options, IModelStageStore store, TimeProvider? time = null) : IModelReviewer
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public string Model => options.Model;

    public Task<ModelStageRecord?> FindRecordAsync(Change change, CancellationToken cancellationToken) => store.FindAsync(change, Model, cancellationToken);

    public Task SaveRecordAsync(Change change, ModelStageRecord record, CancellationToken cancellationToken) => store.SaveAsync(change, record, cancellationToken);

    public async Task<ModelStageRun> ReviewAsync(ModelStageInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (await store.FindAsync(input.Change, Model, cancellationToken).ConfigureAwait(false) is { Run.Answers: not null } recorded)
        {
            return recorded.Run with { FromCache = true };
        }

        var started = _time.GetTimestamp();
        var toolbox = new KernelToolbox(Files(input), input.Environment.Inputs.Symbols is { } index ? new Checks.Index.TreeKnowledge(index) : null);
        var budget = new Budget(options);
        var answers = new List<PatchAnswer>();
        var calls = new List<ToolCallRecord>();
        var notes = new List<string>();
        var reviewable = input.Series.Patches.Where(p => p.Files.Any(IsC)).ToList();
        foreach (var (patch, n) in reviewable.Select((p, i) => (p, i)))
        {
            var name = patch.Commit?.Id is { Length: >= 12 } id ? id[..12] : patch.Commit?.Subject ?? patch.Source;
            var why = n >= options.MaxPatches ? $"more than Llm:MaxPatches ({options.MaxPatches})" : budget.Exhausted(_time.GetElapsedTime(started));
            if (why is not null)
            {
                notes.Add($"{reviewable.Count - n} of {reviewable.Count} patches not reviewed by the model: {why}");
                break;
            }

            try
            {
                answers.Add(await ReviewPatchAsync(patch, name, Context(input), toolbox, budget, calls, notes, started, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (IsModelFailure(ex, cancellationToken))
            {
                notes.Add($"the model failed on {name} ({Describe(ex)}); its other patches are kept, the rules' findings are unchanged");
            }
        }

        var usage = budget.Usage with { Seconds = Math.Round(_time.GetElapsedTime(started).TotalSeconds, 1) };
        return new ModelStageRun(new ModelAnswers(Model, answers), usage, calls, notes);
    }

    private async Task<PatchAnswer> ReviewPatchAsync(
        Patch patch, string name, string context, KernelToolbox toolbox, Budget budget, List<ToolCallRecord> calls, List<string> notes, long started, CancellationToken cancellationToken)
    {
        var (user, cut) = ReviewPrompt.User(patch, options.MaxPatchCharacters, context);
        if (cut)
        {
            notes.Add($"{name}: the diff was cut at {options.MaxPatchCharacters:N0} characters for the model");
        }

        List<ChatMessage> messages = [new(ChatRole.System, ReviewPrompt.System), new(ChatRole.User, user)];
        var chat = new ChatOptions
        {
            ModelId = options.Model,
            Temperature = 0,
            MaxOutputTokens = options.MaxOutputTokens,
            Tools = [.. toolbox.Tools],
            ResponseFormat = ChatResponseFormat.ForJsonSchema(ClaimSchema.Schema, "kernel_review_claims", "Problems found in the patch"),
        };
        for (var round = 1; ; round++)
        {
            var last = round >= options.MaxModelCallsPerPatch || budget.Exhausted(_time.GetElapsedTime(started)) is not null || budget.ToolCallsLeft <= 0;
            if (last)
            {
                chat.Tools = null;
                messages.Add(new ChatMessage(ChatRole.User, ReviewPrompt.AnswerNow));
            }

            var response = await client.GetResponseAsync(messages, chat, cancellationToken).ConfigureAwait(false);
            budget.Count(response.Usage);
            messages.AddRange(response.Messages);
            var requested = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
            if (requested.Count == 0 || last)
            {
                var (claims, dropped) = ClaimReader.ReadReply(response.Text);
                return new PatchAnswer(patch.Commit?.Id, patch.Commit?.Subject, claims, dropped, ClaimUsage.None);
            }

            var results = new List<AIContent>();
            foreach (var call in requested)
            {
                string result;
                if (budget.ToolCallsLeft <= 0)
                {
                    result = "error: the tool budget of this review is spent; answer from what you have";
                }
                else
                {
                    budget.CountToolCall();
                    result = toolbox.Invoke(call.Name, call.Arguments);
                    calls.Add(new ToolCallRecord(name, call.Name, TreeFiles.Clip(JsonSerializer.Serialize(call.Arguments ?? new Dictionary<string, object?>()), 300), result.Length));
                }

                results.Add(new FunctionResultContent(call.CallId, result));
            }

            messages.Add(new ChatMessage(ChatRole.Tool, results));
        }
    }

    private static bool IsModelFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException or System.ClientModel.ClientResultException or JsonException or InvalidOperationException or TimeoutException or IOException
        || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        || ex.GetType().Namespace?.StartsWith("Anthropic", StringComparison.Ordinal) == true
        || ex.GetType().Namespace?.StartsWith("Polly", StringComparison.Ordinal) == true;

    /// <summary>The failure without its message: an SDK's message may quote the request, and the request holds the patch.</summary>
    private static string Describe(Exception ex) => ex switch
    {
        System.ClientModel.ClientResultException c => $"HTTP {c.Status}",
        HttpRequestException h when h.StatusCode is { } status => $"HTTP {(int)status}",
        _ => ex.GetType().Name,
    };

    /// <summary>A pull request's title and its commits' messages: what its diff is meant to do.</summary>
    private static string Context(ModelStageInput input)
    {
        var text = new System.Text.StringBuilder();
        text.Append("Pull request: ").AppendLine(input.Change.Title);
        foreach (var commit in input.Change.Commits.Take(50))
        {
            text.AppendLine().Append("Commit ").Append(commit.Sha.Length > 12 ? commit.Sha[..12] : commit.Sha).AppendLine(":").AppendLine(TreeFiles.Clip(commit.Message, 4_000));
        }

        return text.ToString();
    }

    private static bool IsC(FileChange file) => !file.IsBinary && (file.Path.EndsWith(".c", StringComparison.Ordinal) || file.Path.EndsWith(".h", StringComparison.Ordinal));

    private static TreeFiles Files(ModelStageInput input)
    {
        var patched = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var before = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var ((_, path), images) in (input.Images ?? new Dictionary<(int, string), Checks.Source.FileImages>()).OrderBy(i => i.Key.Item1))
        {
            if (images.After is { } after)
            {
                patched[path] = after; // the last patch's version is the head's
            }

            if (images.Before is { } old)
            {
                before.TryAdd(path, old);
            }
        }

        return new TreeFiles(input.Environment.Inputs.Tree?.Root, patched, before);
    }

    /// <summary>What one pull request may still spend.</summary>
    private sealed class Budget(ModelStageOptions options)
    {
        public ClaimUsage Usage { get; private set; } = ClaimUsage.None;

        public int ToolCallsLeft => options.MaxToolCalls - Usage.ToolCalls;

        public void Count(UsageDetails? usage) =>
            Usage = Usage with { ModelCalls = Usage.ModelCalls + 1, InputTokens = Usage.InputTokens + (usage?.InputTokenCount ?? 0), OutputTokens = Usage.OutputTokens + (usage?.OutputTokenCount ?? 0) };

        public void CountToolCall() => Usage = Usage with { ToolCalls = Usage.ToolCalls + 1 };

        public string? Exhausted(TimeSpan elapsed) =>
            Usage.InputTokens + Usage.OutputTokens >= options.MaxTokens ? $"the token budget (Llm:MaxTokens, {options.MaxTokens:N0}) is spent"
            : elapsed >= options.TimeBudget ? $"the time budget (Llm:TimeBudget, {options.TimeBudget.TotalSeconds:0} s) is spent"
            : null;
    }
}

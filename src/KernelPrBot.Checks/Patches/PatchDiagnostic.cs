namespace KernelPrBot.Checks.Patches;

/// <summary>A problem with the input itself (not with the code it changes), named by source and line.</summary>
public sealed record PatchDiagnostic(string Source, int Line, DiagnosticSeverity Severity, string Message)
{
    public override string ToString() => $"{Source}:{Line}: {(Severity == DiagnosticSeverity.Error ? "error" : "warning")}: {Message}";
}

using Xunit;

namespace KernelPrBot.Testing;

/// <summary>A fact that needs the real kernel tree: skipped without it locally, but never skipped under CI.</summary>
public sealed class KernelTreeFactAttribute : FactAttribute
{
    public KernelTreeFactAttribute()
    {
        if (KernelTree.Path is null && !KernelTree.RequiredByCi)
        {
            Skip = "no kernel tree (install linux-source-6.12 or set KPB_KERNEL_TREE)";
        }
    }
}

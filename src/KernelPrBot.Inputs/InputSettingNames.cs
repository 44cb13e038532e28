namespace KernelPrBot.Inputs;

/// <summary>How a host names the settings that supply a tree or an index, so that "not checked" notes say what to set.</summary>
public sealed record InputSettingNames(string Tree, string Index)
{
    public static InputSettingNames CommandLine { get; } = new("--tree DIR", "--index FILE or --tree DIR");

    public static InputSettingNames Bot { get; } = new("setting KernelPrBot:Index:Tree", "setting KernelPrBot:Index:Path or KernelPrBot:Index:Tree");
}

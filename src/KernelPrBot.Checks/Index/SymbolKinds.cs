namespace KernelPrBot.Checks.Index;

/// <summary>What a name is in a tree; one name may be several things (a prototype and a macro stub).</summary>
[Flags]
public enum SymbolKinds
{
    None = 0,
    Function = 1,
    Prototype = 2,
    FunctionMacro = 4,
    ObjectMacro = 8,
    StaticInline = 16,
    Exported = 32,
    Typedef = 64,
    Struct = 128,
    Union = 256,
    Enum = 512,
    EnumConstant = 1024,

    /// <summary>A variable or typedef declared as a pointer to a function (<c>void (*hook)(int)</c>).</summary>
    FunctionPointer = 2048,

    /// <summary>
    /// Found only under tools/ (userspace: perf's and nolibc's copies of libc names, such as strlcpy()), nowhere in the
    /// kernel itself: kernel code cannot call it.
    /// </summary>
    UserspaceOnly = 4096,

    /// <summary>Something that can stand before <c>(</c> in a call.</summary>
    Callable = Function | Prototype | FunctionMacro | ObjectMacro | StaticInline | FunctionPointer,
}

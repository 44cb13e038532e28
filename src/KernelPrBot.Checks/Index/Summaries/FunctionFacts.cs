namespace KernelPrBot.Checks.Index.Summaries;

/// <summary>
/// The text records of the index's summary section. A function is keyed by its name, or by <c>name@path</c> when it
/// is static to a .c file; an ops-table slot by <c>struct.field</c>. Fields are separated by U+0001 (never in C
/// names, paths or the reasons written here):
/// <list type="bullet">
/// <item><c>key S callee calleeKey line [path]</c>: the function may sleep; it calls <c>callee</c> at line (of its
/// file: the key's for a static function, else <c>path</c>), whose own record is under <c>calleeKey</c>: empty when the
/// callee is a primitive of the seed table, <c>=</c> for the callee's name, <c>@</c> for the callee static in the same file.</item>
/// <item><c>key E reason path line</c>: the function runs in atomic context; the reason names the registration,
/// slot or atomic caller found at path:line.</item>
/// <item><c>struct.field D context source line struct</c>: a callback slot documented as atomic, and where it says so;
/// also under <c>.field</c> when no other documented struct has that field (a body's "x->field = fn;" shows no type).</item>
/// <item><c>key L caller acquisition path line</c>: the function does not sleep, but <c>caller</c> calls it at path:line
/// holding what <c>acquisition</c> took: a patch that makes it sleep breaks that caller.</item>
/// <item><c>key R callee calleeKey line [path]</c>: the function reads RCU-protected data with no read-side section of
/// its own, directly (callee is the accessor, calleeKey empty) or through the callee, as in S records.</item>
/// <item><c>key T|U|K|Q lock by line path</c>: a lock fact (<see cref="LockFact"/>): the function returns holding the
/// lock (T), drops it without taking it (U), takes it on every path (K), or needs it held (Q); the lock is a template
/// (<see cref="LockTemplates"/>), shown by the call <c>by</c> at path:line.</item>
/// <item><c>%class I level callback primitive path line how</c>: a lock class (<see cref="LockFact.TakesClass"/>) that a
/// callback registered to run in interrupt context (level hardirq or softirq) takes, and where.</item>
/// <item><c>#directory G header</c>: a file of the directory includes a header the tree lacks (one the build generates).</item>
/// </list>
/// </summary>
public static class FunctionFacts
{
    public const char Separator = '\u0001';

    public const char MaySleepKind = 'S';

    public const char AtomicEntryKind = 'E';

    public const char DocumentedSlotKind = 'D';

    public const char GeneratedIncludeKind = 'G';

    public const char LockedCallerKind = 'L';

    public const char NeedsRcuKind = LockFact.NeedsRcu;

    public const char IrqUseKind = 'I';

    /// <summary>The key of a lock class's interrupt use.</summary>
    public static string IrqUseKey(string lockClass) => "%" + lockClass;

    public static string GeneratedIncludeKey(string directory) => "#" + directory;

    public static string FunctionKey(string name, string? fileLocalPath) => fileLocalPath is null ? name : name + "@" + fileLocalPath;

    /// <summary>The callee's key as an S record stores it: "=" for its plain name, "@" for name@path of the caller's own file.</summary>
    public static string ShortCalleeKey(string callee, string calleeKey, string callerPath) =>
        calleeKey == callee ? "=" : calleeKey == FunctionKey(callee, callerPath) ? "@" : calleeKey;

    /// <summary>Undoes <see cref="ShortCalleeKey"/>.</summary>
    public static string? ExpandCalleeKey(string callee, string stored, string callerPath) => stored switch
    {
        "" => null,
        "=" => callee,
        "@" => FunctionKey(callee, callerPath),
        _ => stored,
    };

    /// <summary>A header every part of the tree may include: include/ and arch/*/include/ (and tools/include/).</summary>
    public static bool IsSharedHeader(string path) =>
        path.StartsWith("include/", StringComparison.Ordinal) || path.Contains("/include/", StringComparison.Ordinal) || !path.EndsWith(".h", StringComparison.Ordinal);

    /// <summary>The directory of a path with its trailing '/', the key suffix of a directory-local function.</summary>
    public static string DirectoryOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? string.Empty : path[..(slash + 1)];
    }

    /// <summary>The directories a file of <paramref name="path"/> can include a driver's header from: its own and its parents (not the top level).</summary>
    public static IEnumerable<string> IncludingDirectories(string path)
    {
        for (var dir = DirectoryOf(path); dir.Count(c => c == '/') >= 2; dir = DirectoryOf(dir[..^1]))
        {
            yield return dir;
        }
    }

    /// <summary>The keys under which a call of <paramref name="name"/> from <paramref name="path"/> may find its function, nearest first.</summary>
    public static IEnumerable<string> KeysFor(string name, string path)
    {
        yield return FunctionKey(name, path);
        foreach (var dir in IncludingDirectories(path))
        {
            yield return FunctionKey(name, dir);
        }

        yield return name;
    }

    /// <summary>The key of a function defined at <paramref name="path"/>: a .c file's static one, a driver header's static one, or the tree's.</summary>
    public static string DefinitionKey(string name, string path, bool isStatic) =>
        !isStatic ? name : path.EndsWith(".c", StringComparison.Ordinal) ? FunctionKey(name, path) : IsSharedHeader(path) ? name : FunctionKey(name, DirectoryOf(path));

    public static string SlotKey(string structType, string field) => structType + "." + field;

    public static string Record(string key, char kind, params string[] fields) =>
        key + Separator + kind + Separator + string.Join(Separator, fields.Select(Clean));

    /// <summary>Splits a record into key, kind and fields.</summary>
    public static (string Key, char Kind, string[] Fields) Parse(string record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var parts = record.Split(Separator);
        return parts.Length >= 2 && parts[1].Length == 1 ? (parts[0], parts[1][0], parts[2..]) : (record, '?', []);
    }

    /// <summary>Keeps a field short and free of the separator: the index stores records of at most 1,024 bytes.</summary>
    private static string Clean(string field)
    {
        var text = field.Replace(Separator, ' ');
        return text.Length > 200 ? text[..200] : text;
    }
}

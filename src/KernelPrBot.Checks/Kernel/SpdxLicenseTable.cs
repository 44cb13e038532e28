namespace KernelPrBot.Checks.Kernel;

/// <summary>
/// The licence identifiers the kernel accepts, by the folder of <c>LICENSES/</c> that lists them
/// (Documentation/process/license-rules.rst). <see cref="Builtin"/> is the table of linux 6.12;
/// <see cref="FromTree"/> reads the tree's own <c>Valid-License-Identifier:</c> lines.
/// </summary>
public sealed class SpdxLicenseTable(IReadOnlyDictionary<string, string> folders)
{
    public static SpdxLicenseTable Builtin { get; } = new(new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["GPL-2.0"] = "preferred", ["GPL-2.0-only"] = "preferred", ["GPL-2.0+"] = "preferred", ["GPL-2.0-or-later"] = "preferred",
        ["LGPL-2.0"] = "preferred", ["LGPL-2.0+"] = "preferred",
        ["LGPL-2.1"] = "preferred", ["LGPL-2.1-only"] = "preferred", ["LGPL-2.1+"] = "preferred", ["LGPL-2.1-or-later"] = "preferred",
        ["BSD-2-Clause"] = "preferred", ["BSD-3-Clause"] = "preferred", ["BSD-3-Clause-Clear"] = "preferred", ["MIT"] = "preferred",
        ["Apache-2.0"] = "dual", ["CC-BY-4.0"] = "dual", ["CDDL-1.0"] = "dual", ["MPL-1.1"] = "dual", ["copyleft-next-0.3.1"] = "dual",
        ["0BSD"] = "deprecated", ["GPL-1.0+"] = "deprecated", ["ISC"] = "deprecated", ["Linux-OpenIB"] = "deprecated",
        ["X11"] = "deprecated", ["Zlib"] = "deprecated",
        ["GFDL-1.1-no-invariants-or-later"] = "deprecated", ["GFDL-1.1-no-invariants-only"] = "deprecated",
        ["GFDL-1.2-no-invariants-or-later"] = "deprecated", ["GFDL-1.2-no-invariants-only"] = "deprecated",
        ["Linux-syscall-note"] = "exceptions", ["GCC-exception-2.0"] = "exceptions",
    });

    /// <summary>Identifiers whose terms let the code be used under GPL-2.0-only.</summary>
    private static readonly HashSet<string> GplCompatible = new(StringComparer.Ordinal)
    {
        "GPL-2.0", "GPL-2.0-only", "GPL-2.0+", "GPL-2.0-or-later", "LGPL-2.0", "LGPL-2.0+", "LGPL-2.1", "LGPL-2.1-only",
        "LGPL-2.1+", "LGPL-2.1-or-later", "BSD-2-Clause", "BSD-3-Clause", "BSD-3-Clause-Clear", "MIT", "0BSD", "ISC",
        "X11", "Zlib", "Linux-OpenIB", "GPL-1.0+",
    };

    private static readonly string[] Prefixes = ["Valid-License-Identifier:", "SPDX-Exception-Identifier:"];

    /// <summary>The folder of LICENSES/ an identifier is listed in, or null when the kernel does not accept it.</summary>
    public string? FolderOf(string id) => folders.TryGetValue(id, out var folder) ? folder : null;

    public static bool IsGplCompatible(string id) => GplCompatible.Contains(id);

    public static SpdxLicenseTable? FromTree(string treeRoot)
    {
        var root = Path.Combine(treeRoot, "LICENSES");
        if (!Directory.Exists(root))
        {
            return null;
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var folder = Path.GetFileName(Path.GetDirectoryName(file)) ?? string.Empty;
            foreach (var line in File.ReadLines(file).Take(40))
            {
                // Licences say Valid-License-Identifier:, exceptions SPDX-Exception-Identifier:.
                var prefix = Prefixes.FirstOrDefault(p => line.StartsWith(p, StringComparison.Ordinal));
                if (prefix is not null)
                {
                    // Some files list a whole expression ("GPL-2.0 OR GFDL-1.2-..."); take each identifier.
                    foreach (var id in line[prefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w is not ("OR" or "AND" or "WITH")))
                    {
                        map.TryAdd(id, folder);
                    }
                }
            }
        }

        return map.Count == 0 ? null : new SpdxLicenseTable(map);
    }
}

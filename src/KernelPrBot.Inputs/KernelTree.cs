using KernelPrBot.Checks.Index;
using KernelPrBot.Checks.Kernel;

namespace KernelPrBot.Inputs;

/// <summary>
/// A trusted Linux source tree (the base, never a pull request's head): where checkpatch.pl, LICENSES/, MAINTAINERS
/// and the symbol index come from. Opening one checks that the directory really is the top of a kernel tree, so a
/// wrong path is one clear error instead of checks that quietly do not run.
/// </summary>
public sealed class KernelTree
{
    private static readonly string[] RequiredEntries = ["Makefile", "include/linux/", "scripts/"];

    private KernelTree(string root, string given)
    {
        Root = root;
        Given = given;
    }

    /// <summary>The full path of the tree's top directory.</summary>
    public string Root { get; }

    /// <summary>The directory as the user gave it, for messages.</summary>
    public string Given { get; }

    public string CheckpatchScript => Path.Combine(Root, "scripts", "checkpatch.pl");

    public bool HasCheckpatch => File.Exists(CheckpatchScript);

    public bool HasLicenses => Directory.Exists(Path.Combine(Root, "LICENSES"));

    /// <summary>Whether the tree is a git checkout, whose history can resolve the commit ids of Fixes: tags.</summary>
    public bool IsGitCheckout => Directory.Exists(Path.Combine(Root, ".git")) || File.Exists(Path.Combine(Root, ".git"));

    public bool HasMaintainers => File.Exists(Path.Combine(Root, "MAINTAINERS"));

    /// <summary>Opens DIR as a kernel tree, or throws <see cref="KernelTreeException"/> saying what is wrong with it.</summary>
    public static KernelTree Open(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
        {
            throw new KernelTreeException($"{directory}: no such directory");
        }

        if (!TreeIndexer.IsKernelTree(directory))
        {
            var missing = RequiredEntries.Where(entry => !(entry.EndsWith('/') ? Directory.Exists(Path.Combine(directory, entry)) : File.Exists(Path.Combine(directory, entry))));
            throw new KernelTreeException(
                $"{directory} is not the top directory of a kernel tree: it has no {string.Join(", no ", missing)} (give the directory that holds the kernel's Makefile, MAINTAINERS and scripts/)");
        }

        return new KernelTree(Path.GetFullPath(directory), directory);
    }

    /// <summary>The SPDX identifiers the tree's LICENSES/ accepts, or null when it has none.</summary>
    public SpdxLicenseTable? Licenses() => SpdxLicenseTable.FromTree(Root);

    public MaintainersFile? Maintainers() => HasMaintainers ? MaintainersFile.FromTree(Root) : null;

    public override string ToString() => Given;
}

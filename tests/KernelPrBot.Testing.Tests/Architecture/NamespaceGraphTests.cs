using Xunit;

namespace KernelPrBot.Testing.Tests.Architecture;

/// <summary>The namespace reader sees each kind of dependency, and none in comments.</summary>
public sealed class NamespaceGraphTests
{
    [Fact]
    public void Usings_qualified_names_and_enclosing_types_are_dependencies()
    {
        using var temp = new TempDirectory("nsgraph");
        Write(temp, "Root.cs", "namespace Lib;\n\npublic static class Clip\n{\n}\n");
        Write(temp, "A/Base.cs", "namespace Lib.A;\n\npublic abstract class Base\n{\n}\n");
        Write(temp, "A/B/Leaf.cs", "using Lib.C;\n\nnamespace Lib.A.B;\n\n// Lib.D.Gone and Clip are in a comment only.\npublic sealed class Leaf : Base\n{\n    private readonly Lib.E.Thing? _thing;\n}\n");
        Write(temp, "C/Sea.cs", "namespace Lib.C;\n\npublic sealed class Sea\n{\n}\n");
        Write(temp, "D/Gone.cs", "namespace Lib.D;\n\npublic sealed class Gone\n{\n}\n");
        Write(temp, "E/Thing.cs", "namespace Lib.E;\n\npublic sealed class Thing\n{\n}\n");
        Write(temp, "obj/Generated.cs", "using Lib.D;\n\nnamespace Lib.A.B;\n");

        var graph = NamespaceGraph.Read(temp.Path, "Lib");

        Assert.Equal(["Lib.A.B -> Lib.A", "Lib.A.B -> Lib.C", "Lib.A.B -> Lib.E"], graph.Lines);
    }

    [Fact]
    public void A_using_static_names_the_namespace_of_its_type()
    {
        using var temp = new TempDirectory("nsgraph");
        Write(temp, "A.cs", "using static Lib.B.Kinds;\n\nnamespace Lib.A;\n\ninternal sealed class Alpha\n{\n}\n");
        Write(temp, "B.cs", "using Lib.A;\n\nnamespace Lib.B;\n\npublic enum Kinds\n{\n    One,\n}\n");

        var graph = NamespaceGraph.Read(temp.Path, "Lib");

        Assert.Equal(["Lib.A -> Lib.B", "Lib.B -> Lib.A"], graph.Lines);
        Assert.Equal(["Lib.A", "Lib.B", "Lib.A"], graph.FindCycle());
    }

    private static void Write(TempDirectory temp, string relative, string text)
    {
        var path = temp.Combine(relative.Split('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}

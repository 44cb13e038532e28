using Xunit;

namespace KernelPrBot.Cli.Tests;

/// <summary>Which program <c>serve</c> and <c>replay</c> are handed to, and the error when there is none.</summary>
public sealed class ServerHandOffTests
{
    private static readonly string Dir = Path.Combine(Path.GetTempPath(), "kpb-install");

    [Fact]
    public void The_server_launcher_next_to_the_program_is_preferred()
    {
        var launcher = Path.Combine(Dir, "kernel-pr-bot-server");
        var dll = launcher + ".dll";

        var command = ServerHandOff.Command(["serve", "--urls", "http://127.0.0.1:8080"], Dir, "/usr/bin/dotnet", p => p == launcher || p == dll);

        Assert.NotNull(command);
        Assert.Equal(launcher, command.Value.Program);
        Assert.Equal([launcher, "serve", "--urls", "http://127.0.0.1:8080"], command.Value.Argv);
    }

    [Fact]
    public void Without_a_launcher_the_dll_runs_on_the_same_dotnet_host()
    {
        var dll = Path.Combine(Dir, "kernel-pr-bot-server.dll");

        var command = ServerHandOff.Command(["replay", "--list"], Dir, "/opt/dotnet/dotnet", p => p == dll);

        Assert.NotNull(command);
        Assert.Equal("/opt/dotnet/dotnet", command.Value.Program);
        Assert.Equal(["/opt/dotnet/dotnet", dll, "replay", "--list"], command.Value.Argv);
    }

    [Fact]
    public void A_dll_alone_is_not_enough_for_a_native_program()
    {
        var dll = Path.Combine(Dir, "kernel-pr-bot-server.dll");

        Assert.Null(ServerHandOff.Command(["serve"], Dir, Path.Combine(Dir, "kernel-pr-bot"), p => p == dll));
    }

    [Fact]
    public void Nothing_installed_means_no_command()
    {
        Assert.Null(ServerHandOff.Command(["serve"], Dir, "/usr/bin/dotnet", _ => false));
    }
}

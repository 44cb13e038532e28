using BenchmarkDotNet.Running;

namespace KernelPrBot.Benchmarks;

public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "scaling")
        {
            return Scaling.Run(args[1..], Console.Out);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}

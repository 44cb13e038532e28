using KernelPrBot.Cli;

using var stdin = Console.OpenStandardInput();
var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = false };
var exit = CliApp.Run(args, stdin, stdout, Console.Error, !Console.IsOutputRedirected, !Console.IsErrorRedirected);
stdout.Flush();
return exit;

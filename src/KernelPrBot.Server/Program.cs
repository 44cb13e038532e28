using KernelPrBot.Server;

using var stdin = Console.OpenStandardInput();
var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = false };
var exit = ServerApp.Run(args, stdin, stdout, Console.Error, !Console.IsOutputRedirected, !Console.IsErrorRedirected);
stdout.Flush();
return exit;

using KernelPrBot.Functions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.ConfigureFunctionsApplicationInsights();
FunctionsComposition.AddKernelPrBot(builder.Services, builder.Configuration);
builder.Build().Run();

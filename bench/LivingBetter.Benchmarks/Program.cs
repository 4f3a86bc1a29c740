using BenchmarkDotNet.Running;
using LivingBetter.Benchmarks;
using LivingBetter.Benchmarks.Outcomes;

// dotnet run -c Release --project bench/LivingBetter.Benchmarks -- --filter '*'
// dotnet run -c Release --project bench/LivingBetter.Benchmarks -- outcomes 10000   (see docs/PERFORMANCE.md)
if (args.Length > 0 && args[0] == "outcomes")
{
    return await OutcomesBench.RunAsync(args[1..]);
}
BenchmarkSwitcher.FromAssembly(typeof(SecurityBenchmarks).Assembly).Run(args);
return 0;

using BenchmarkDotNet.Running;
using LivingBetter.Benchmarks;

// dotnet run -c Release --project bench/LivingBetter.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(SecurityBenchmarks).Assembly).Run(args);

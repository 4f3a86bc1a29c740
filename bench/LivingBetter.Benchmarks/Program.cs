using BenchmarkDotNet.Running;
using LivingBetter.Benchmarks;
using LivingBetter.Benchmarks.FhirBulk;
using LivingBetter.Benchmarks.Outcomes;

// dotnet run -c Release --project bench/LivingBetter.Benchmarks -- --filter '*'
// dotnet run -c Release --project bench/LivingBetter.Benchmarks -- outcomes 10000   (see docs/PERFORMANCE.md)
// dotnet run -c Release --project bench/LivingBetter.Benchmarks -- outcomes-probe sqlite "Data Source=..." query.sql packed   (ADR 0021)
// dotnet run -c Release --project bench/LivingBetter.Benchmarks -- fhir-bulk ...   (bench/fhir-bulk.sh drives it)
if (args.Length > 0 && args[0] == "fhir-bulk")
{
    return await FhirBulkBench.RunAsync(args[1..]);
}
if (args.Length > 0 && args[0] == "outcomes-probe")
{
    return await OutcomesProbe.RunAsync(args[1..]);
}
if (args.Length > 0 && args[0] == "outcomes")
{
    return await OutcomesBench.RunAsync(args[1..]);
}
BenchmarkSwitcher.FromAssembly(typeof(SecurityBenchmarks).Assembly).Run(args);
return 0;

// Benchmarks, run in release: swift run -c release commentmod-bench <name> [options]
// Each benchmark lives in its own file as a function named run<Name>Benchmark(arguments:).
let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "email": runEmailBenchmark(arguments: Array(arguments.dropFirst()))
case "words": runWordListBenchmark(arguments: Array(arguments.dropFirst()))
case "judge": runJudgeBenchmark(arguments: Array(arguments.dropFirst()))
case "worker": await runWorkerBenchmark(arguments: Array(arguments.dropFirst()))
default:
    print("usage: commentmod-bench email|words|judge|worker [options]")
}

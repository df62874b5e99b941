func runEmailBenchmark(arguments: [String]) { print("email benchmark not built yet") }

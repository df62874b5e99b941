func runWordListBenchmark(arguments: [String]) { print("word-list benchmark not built yet") }

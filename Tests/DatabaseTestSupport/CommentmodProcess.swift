import Foundation

/// Runs the built `commentmod` executable as a separate process, as an operator or a script would.
public struct CommentmodProcess {
    public struct Output: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
        public let seconds: Double
    }

    /// The executable next to the test bundle: `swift test` builds every product into the same directory.
    public static var executableURL: URL {
        get throws {
            var candidates: [URL] = []
            if let main = Bundle.main.executableURL?.deletingLastPathComponent() {
                candidates.append(main.appendingPathComponent("commentmod"))
            }
            for argument in CommandLine.arguments.prefix(1) {
                candidates.append(URL(fileURLWithPath: argument).deletingLastPathComponent().appendingPathComponent("commentmod"))
            }
            for bundle in Bundle.allBundles {
                candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("commentmod"))
            }
            if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) {
                return found
            }
            throw CommentmodProcessError("commentmod executable not found next to the tests (looked at \(candidates.map(\.path)))")
        }
    }

    /// Runs `commentmod ARGUMENTS` with `environment` added to (or, for nil values, removed from) ours.
    public static func run(
        _ arguments: [String], environment: [String: String?] = [:], stdin: String? = nil
    ) throws -> Output {
        let process = Process()
        process.executableURL = try executableURL
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        let start = Date()
        try process.run()
        // Read both pipes concurrently so a chatty child never blocks on a full pipe.
        nonisolated(unsafe) var outData = Data(), errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        group.wait()
        return Output(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self),
            seconds: Date().timeIntervalSince(start))
    }
}

public struct CommentmodProcessError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

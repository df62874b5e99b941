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
    /// The wait happens off Swift's task pool (see `OffPool`).
    public static func run(
        _ arguments: [String], environment: [String: String?] = [:], stdin: String? = nil
    ) async throws -> Output {
        try await OffPool.run { try runWaiting(arguments, environment: environment, stdin: stdin) }
    }

    private static func runWaiting(
        _ arguments: [String], environment: [String: String?], stdin: String?
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
    public init(_ description: String) { self.description = description }
}

/// A `commentmod` process left running (a worker), its stderr collected in a file for the test to read.
public final class BackgroundCommentmod: @unchecked Sendable {
    public let process: Process
    public let stderrURL: URL

    public init(_ arguments: [String], environment: [String: String?] = [:]) throws {
        process = Process()
        process.executableURL = try CommentmodProcess.executableURL
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        stderrURL = FileManager.default.temporaryDirectory.appendingPathComponent("commentmod-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let handle = try FileHandle(forWritingTo: stderrURL)
        process.standardError = handle
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try handle.close()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: stderrURL)
    }

    public var pid: Int32 { process.processIdentifier }

    /// What the process has logged so far.
    public var stderr: String {
        (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? ""
    }

    public func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// Waits up to `timeout` for the process to exit; returns its status, or nil if it is still running.
    public func wait(timeout: Duration) async throws -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now >= deadline { return nil }
            try await Task.sleep(for: .milliseconds(10))
        }
        return process.terminationStatus
    }

    /// Waits until stderr contains `text`.
    public func waitForLog(_ text: String, timeout: Duration = .seconds(30)) async throws {
        let deadline = ContinuousClock.now + timeout
        while !stderr.contains(text) {
            guard ContinuousClock.now < deadline, process.isRunning else {
                throw CommentmodProcessError("commentmod never logged \(String(reflecting: text)); it logged:\n\(stderr)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

import DatabaseTestSupport
import Foundation
import Testing

@Suite("commentmod check as a coprocess and at a terminal")
struct CheckStreamingTests {
    typealias F = CheckFixtures

    @Test("each answer arrives while stdin is still open, so a script can write a line and wait for its verdict")
    func answersStream() async throws {
        let check = try Coprocess(["check", "--json"])
        defer { check.stop() }
        for round in 1...3 {
            try check.send(try F.line(F.comment(["body": "Comment number \(round), nothing to see."])) + "\n")
            let answer = try await check.readLine(timeout: 10)
            #expect(answer.hasPrefix(#"{"body_html":"<p>Comment number \#(round),"#), "\(answer)")
        }
        try check.send("not json\n")
        #expect(try await check.readLine(timeout: 10) == #"{"error":"not valid JSON: invalid value around character 1","line":4}"#)
        #expect(try await check.finish() == 1)
    }

    @Test("check email --json streams too")
    func emailAnswersStream() async throws {
        let check = try Coprocess(["check", "email", "--json"])
        defer { check.stop() }
        try check.send("\"ann@example.org\"\n")
        #expect(try await check.readLine(timeout: 10) == #"{"error":null,"normalized":"ann@example.org","valid":true}"#)
        try check.send("\"bob@\"\n")
        #expect(try await check.readLine(timeout: 10) == #"{"error":"There must be something after the @-sign.","normalized":null,"valid":false}"#)
        #expect(try await check.finish() == 0)
    }

    @Test("colour on a terminal, none with NO_COLOR or in --json",
          .enabled(if: FileManager.default.isExecutableFile(atPath: scriptPath), "needs util-linux's script for a terminal"))
    func colourOnlyOnATerminal() async throws {
        let input = try F.line(F.comment(["body": "See http://one.example.com/a and https://two.example.net/b"]))
        let coloured = try await Self.runOnTerminal(["check"], stdin: input)
        #expect(coloured.contains("\u{1B}[1;33mHOLD\u{1B}[0m"), "\(coloured)")
        #expect(coloured.contains("  \u{1B}[33mhold\u{1B}[0m     too_many_links  body"), "\(coloured)")
        let plain = try await Self.runOnTerminal(["check"], stdin: input, environment: ["NO_COLOR": "1"])
        #expect(plain.contains("#1 HOLD  (1 reason)"), "\(plain)")
        #expect(!plain.contains("\u{1B}"))
        let json = try await Self.runOnTerminal(["check", "--json"], stdin: input)
        #expect(json.hasPrefix(#"{"body_html":null"#), "\(json)")
        #expect(!json.contains("\u{1B}"))
        let email = try await Self.runOnTerminal(["check", "email"], stdin: "ann@example.org")
        #expect(email.contains("\u{1B}[32mvalid\u{1B}[0m"), "\(email)")
    }

    /// Runs commentmod with stdout on a pseudo-terminal made by util-linux's `script` (stdin stays a file,
    /// so nothing is echoed) and returns what it printed there, CRLF turned back into LF.
    static func runOnTerminal(_ arguments: [String], stdin: String, environment: [String: String] = [:]) async throws -> String {
        try await OffPool.run { try runOnTerminalWaiting(arguments, stdin: stdin, environment: environment) }
    }

    private static func runOnTerminalWaiting(_ arguments: [String], stdin: String, environment: [String: String]) throws -> String {
        let input = try F.temporaryFile("stdin", stdin)
        defer { F.remove(input) }
        let command = ([try CommentmodProcess.executableURL.path] + arguments).map(shellQuoted).joined(separator: " ")
            + " < " + shellQuoted(input.path)
        var variables: [String: String?] = ["NO_COLOR": nil, "TERM": "xterm"]
        for (key, value) in environment { variables[key] = value }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: scriptPath)
        process.arguments = ["-qec", command, "/dev/null"]
        var env = ProcessInfo.processInfo.environment
        for (key, value) in variables { env[key] = value }
        process.environment = env
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
    }

    static let scriptPath = "/usr/bin/script"

    private static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}

/// A `commentmod` process fed and read line by line while it runs, as a script drives a coprocess.
/// Used by one test at a time; its waits run off the task pool (see `OffPool`).
final class Coprocess: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var buffered: [UInt8] = []

    init(_ arguments: [String]) throws {
        process.executableURL = try CommentmodProcess.executableURL
        process.arguments = arguments
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    func send(_ text: String) throws {
        try input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
    }

    /// The next stdout line; fails when none comes within `timeout` seconds (the answer was buffered).
    func readLine(timeout: Double) async throws -> String {
        try await OffPool.run { [self] in try readLineWaiting(timeout: timeout) }
    }

    private func readLineWaiting(timeout: Double) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        let descriptor = output.fileHandleForReading.fileDescriptor
        while true {
            if let newline = buffered.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffered[..<newline], as: UTF8.self)
                buffered.removeSubrange(...newline)
                return line
            }
            let remaining = Int32(max(0, deadline.timeIntervalSinceNow) * 1000)
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard remaining > 0, poll(&poller, 1, remaining) == 1 else {
                throw CommentmodProcessError("no answer line within \(timeout) s")
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { throw CommentmodProcessError("stdout closed before a whole line") }
            buffered += chunk[..<count]
        }
    }

    /// Closes stdin and returns the exit status.
    func finish() async throws -> Int32 {
        try input.fileHandleForWriting.close()
        return try await OffPool.run { [process] in
            process.waitUntilExit()
            return process.terminationStatus
        }
    }

    /// Ends the process if a failed test left it running.
    func stop() {
        if process.isRunning { process.terminate() }
    }
}

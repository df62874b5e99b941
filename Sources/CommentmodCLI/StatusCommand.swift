import ArgumentParser
import Foundation
import ModerationStore
import PostgresClient

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Queue health: depth, oldest pending comment, recent decisions, workers seen recently."
    )

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Print one JSON object.")
    var json = false

    func run() async throws {
        let connection = try await database.connect(applicationName: "commentmod status")
        let status = try await withDatabaseErrors { try await StatusStore.load(on: connection) }
        await connection.close()
        if json {
            print(try JSONOutput.encode(status))
        } else {
            print(Self.render(status, now: Date()))
        }
    }

    static func render(_ status: QueueStatus, now: Date) -> String {
        var lines: [String] = []
        let oldest = status.oldestPendingSeconds.map { "oldest waiting \(RelativeAge.describe(seconds: $0))" } ?? "empty"
        lines.append("queue      \(status.queueDepth) pending, \(oldest)")
        lines.append("held       \(status.held) waiting for a moderator")
        let statuses = ["approved", "held", "rejected", "spam"]
        func counts(_ counts: [String: Int]) -> String {
            statuses.map { "\($0) \(counts[$0] ?? 0)" }.joined(separator: ", ")
        }
        lines.append("last min   \(counts(status.decidedLastMinute))")
        lines.append("last hour  \(counts(status.decidedLastHour))")
        if status.workers.isEmpty {
            lines.append("workers    none seen in the last 5 minutes")
        } else {
            for (index, worker) in status.workers.enumerated() {
                let seen = RelativeAge.describe(seconds: now.timeIntervalSince(worker.lastSeenAt))
                lines.append("\(index == 0 ? "workers   " : "          ") \(worker.id)  v\(worker.version)  seen \(seen) ago  decided \(worker.decided)")
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// "42 s", "3 min", "5 h", "2 d": ages for people.
enum RelativeAge {
    static func describe(seconds: Double) -> String {
        let s = max(0, seconds)
        switch s {
        case ..<60: return "\(Int(s)) s"
        case ..<3600: return "\(Int(s / 60)) min"
        case ..<86_400: return "\(Int(s / 3600)) h"
        default: return "\(Int(s / 86_400)) d"
        }
    }
}

/// JSON for scripts: snake_case keys, RFC 3339 dates, sorted keys so output is stable.
enum JSONOutput {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

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
        let status = try await database.withConnection(applicationName: "commentmod status") {
            try await StatusStore.load(on: $0)
        }
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

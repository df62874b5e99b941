import DatabaseTestSupport
import Foundation
import Logging
import ModerationCore
import ModerationStore
@testable import ModerationWorker
import PostgresClient
import ServiceLifecycle

/// Log lines kept in memory, so tests can read what an operator would see.
final class CapturedLogs: @unchecked Sendable {
    struct Line: Sendable {
        let level: Logger.Level
        let message: String
        let metadata: Logger.Metadata
    }

    private let lock = NSLock()
    private var storage: [Line] = []

    var lines: [Line] { lock.withLock { storage } }

    func append(_ line: Line) { lock.withLock { storage.append(line) } }

    func logger(level: Logger.Level = .trace) -> Logger {
        var logger = Logger(label: "test") { _ in CapturingHandler(logs: self) }
        logger.logLevel = level
        return logger
    }

    /// Everything logged at `level` or above, flattened to text, for "never appears" checks.
    func text(atLeast level: Logger.Level) -> String {
        lines.filter { $0.level >= level }.map { line in
            line.message + " " + line.metadata.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " ")
        }.joined(separator: "\n")
    }

    struct CapturingHandler: LogHandler {
        let logs: CapturedLogs
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            logs.append(Line(level: event.level, message: event.message.description,
                             metadata: metadata.merging(event.metadata ?? [:]) { _, new in new }))
        }
    }
}

/// A worker running in this process against a database of its own, stopped gracefully at the end.
final class RunningWorker: @unchecked Sendable {
    let group: ServiceGroup
    let task: Task<Void, any Error>
    let logs: CapturedLogs

    init(
        conninfo: String, configure: (inout WorkerConfiguration) -> Void = { _ in }, judge: JudgeFunction? = nil,
        onJudgeStall: (@Sendable (Duration) -> Void)? = nil
    ) {
        logs = CapturedLogs()
        var configuration = WorkerConfiguration(conninfo: conninfo)
        configuration.pollInterval = .milliseconds(200)
        configuration.batchSize = 50
        configure(&configuration)
        let worker = ModerationWorker(
            configuration: configuration, logger: logs.logger(), version: "test", judge: judge, onJudgeStall: onJudgeStall)
        group = ServiceGroup(configuration: .init(
            services: [.init(service: worker, successTerminationBehavior: .gracefullyShutdownGroup)],
            logger: Logger(label: "test.group") { _ in SwiftLogNoOpLogHandler() }))
        let group = self.group
        task = Task { try await group.run() }
    }

    func stop() async throws {
        await group.triggerGracefulShutdown()
        try await task.value
    }
}

/// Submits through the public SQL function, as a blog backend does.
struct Blog {
    let db: PostgresConnection
    let site: String

    @discardableResult
    func submit(
        post: String = "post-1", name: String? = "Ann", email: String? = "ann@example.org", body: String? = "Nice post.",
        url: String? = nil, ip: String? = nil, key: String? = nil
    ) async throws -> Int64 {
        let rows = try await db.query("""
            SELECT moderation.submit_comment(site_id => \(site), post_id => \(post), author_name => \(name),
                author_email => \(email), body => \(body), author_url => \(url), author_ip => \(ip)::inet,
                submission_key => \(key))
            """)
        return try rows[0].decode(Int64.self, at: 0)
    }

    func status(_ id: Int64) async throws -> String {
        try await db.query("SELECT status FROM moderation.comments WHERE id = \(id)")[0].decode(String.self, at: 0)
    }

    func reasonCodes(_ id: Int64) async throws -> [String] {
        try await db.query("""
            SELECT coalesce(array_agg(r->>'code' ORDER BY ord), '{}')
            FROM moderation.comments c, jsonb_array_elements(c.reasons) WITH ORDINALITY AS x(r, ord)
            WHERE c.id = \(id)
            """)[0].decode([String].self, at: 0)
    }
}

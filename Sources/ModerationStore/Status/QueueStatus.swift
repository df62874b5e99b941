import Foundation
import PostgresClient

/// What `commentmod status` and the worker's periodic summary report about the queue.
public struct QueueStatus: Sendable, Codable, Equatable {
    public struct Worker: Sendable, Codable, Equatable {
        public let id: String
        public let host: String
        public let pid: Int
        public let version: String
        public let startedAt: Date
        public let lastSeenAt: Date
        public let decided: Int64
    }

    public var queueDepth: Int
    /// Seconds the oldest queued comment has waited; nil when the queue is empty.
    public var oldestPendingSeconds: Double?
    /// Comments held for a moderator right now.
    public var held: Int
    /// Worker decisions by verdict status (approved, held, rejected, spam).
    public var decidedLastMinute: [String: Int]
    public var decidedLastHour: [String: Int]
    /// Workers whose heartbeat is at most five minutes old.
    public var workers: [Worker]
}

public enum StatusStore {
    /// Queue depth and the oldest comment's age only: cheap enough for every worker summary.
    public static func queueDepth(on db: PostgresConnection) async throws -> (depth: Int, oldestSeconds: Double?) {
        let rows = try await db.query("""
            SELECT count(*), extract(epoch FROM now() - min(enqueued_at))::float8 FROM moderation.queue
            """)
        return (try rows[0].decode(Int.self, at: 0), try rows[0].decode(Double?.self, at: 1))
    }

    public static func load(on db: PostgresConnection) async throws -> QueueStatus {
        let (depth, oldest) = try await queueDepth(on: db)
        let counts = try await db.query("""
            SELECT to_status,
                   count(*) FILTER (WHERE at > now() - interval '1 minute'),
                   count(*)
            FROM moderation.comment_events
            WHERE at > now() - interval '1 hour' AND from_status = 'pending' AND actor LIKE 'worker:%'
            GROUP BY to_status
            """)
        var minute: [String: Int] = [:], hour: [String: Int] = [:]
        for row in counts {
            let status = try row.decode(String.self, at: 0)
            minute[status] = try row.decode(Int.self, at: 1)
            hour[status] = try row.decode(Int.self, at: 2)
        }
        // held_comments mirrors comments.status = 'held' (see sql/0003) without an index on status.
        let held = try await db.query("SELECT count(*) FROM moderation.held_comments")
        let workers = try await db.query("""
            SELECT id, host, pid, version, started_at, last_seen_at, decided FROM moderation.workers
            WHERE last_seen_at > now() - interval '5 minutes' ORDER BY id
            """).map { row in
            QueueStatus.Worker(
                id: try row.decode(String.self, at: 0), host: try row.decode(String.self, at: 1),
                pid: try row.decode(Int.self, at: 2), version: try row.decode(String.self, at: 3),
                startedAt: try row.decode(Date.self, at: 4), lastSeenAt: try row.decode(Date.self, at: 5),
                decided: try row.decode(Int64.self, at: 6))
        }
        return QueueStatus(
            queueDepth: depth, oldestPendingSeconds: oldest, held: try held[0].decode(Int.self, at: 0),
            decidedLastMinute: minute, decidedLastHour: hour, workers: workers)
    }
}

import Foundation
import PostgresClient

/// Worker heartbeats in `moderation.workers`, so `status` can show who is running.
public enum WorkerRegistry {
    public static func heartbeat(
        id: String, host: String, pid: Int32, version: String, startedAt: Date, decided: Int64,
        on db: PostgresConnection
    ) async throws {
        try await db.execute("""
            INSERT INTO moderation.workers (id, host, pid, version, started_at, last_seen_at, decided)
            VALUES (\(id), \(host), \(Int(pid)), \(version), \(startedAt), now(), \(decided))
            ON CONFLICT (id) DO UPDATE SET last_seen_at = now(), decided = EXCLUDED.decided,
                                           version = EXCLUDED.version, started_at = EXCLUDED.started_at
            """)
    }

    /// A clean exit leaves no stale entry behind.
    public static func remove(id: String, on db: PostgresConnection) async throws {
        try await db.execute("DELETE FROM moderation.workers WHERE id = \(id)")
    }
}

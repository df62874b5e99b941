import Foundation
import PostgresClient

/// Applies the numbered SQL files in order, each in its own transaction together with its record in
/// `moderation.schema_migrations`, so a failed file leaves no half-applied schema and is retried next run.
public struct Migrator: Sendable {
    public enum State: String, Sendable, Codable {
        case applied, pending
    }

    public struct Entry: Sendable, Codable, Hashable {
        public let version: Int
        public let file: String
        public let state: State
        public let appliedAt: Date?
        public let checksum: String?
    }

    public struct Applied: Sendable, Hashable {
        public let file: String
        public let milliseconds: Double
    }

    /// Any value works as long as every commentmod uses the same: it serializes concurrent `migrate` runs.
    static let advisoryLockKey: Int64 = 0x636f_6d6d_656e_746d  // "commentm"

    public let migrations: [Migration]

    public init(migrations: [Migration]) {
        self.migrations = migrations
    }

    /// Applies what is pending. Refuses, before changing anything, when an applied file was edited or the
    /// database has a migration this build does not know.
    @discardableResult
    public func migrate(
        on connection: PostgresConnection, progress: @Sendable (Applied) -> Void = { _ in }
    ) async throws -> [Applied] {
        try await withMigrationLock(on: connection) {
            let applied = try await verify(on: connection)
            var done: [Applied] = []
            for migration in migrations where applied[migration.version] == nil {
                let start = ContinuousClock.now
                try await connection.transaction { tx in
                    try await tx.executeScript(migration.sql)
                    try await tx.execute("""
                        INSERT INTO moderation.schema_migrations (version, name, checksum)
                        VALUES (\(migration.version), \(migration.name),
                                encode(sha256(convert_to(\(migration.sql), 'UTF8')), 'hex'))
                        """)
                }
                let elapsed = ContinuousClock.now - start
                let entry = Applied(file: migration.fileName, milliseconds: elapsed.milliseconds)
                progress(entry)
                done.append(entry)
            }
            return done
        }
    }

    /// Every known migration with its state, plus a refusal when an applied file was changed.
    public func status(on connection: PostgresConnection) async throws -> [Entry] {
        try await withMigrationLock(on: connection) {
            let applied = try await verify(on: connection)
            return migrations.map { migration in
                if let record = applied[migration.version] {
                    return Entry(version: migration.version, file: migration.fileName, state: .applied,
                                 appliedAt: record.appliedAt, checksum: record.checksum)
                }
                return Entry(version: migration.version, file: migration.fileName, state: .pending,
                             appliedAt: nil, checksum: nil)
            }
        }
    }

    private struct Record: Sendable {
        let name: String
        let checksum: String
        let appliedAt: Date
        let expectedChecksum: String
    }

    /// Creates the bookkeeping table when missing, then compares what is recorded with the files.
    private func verify(on connection: PostgresConnection) async throws -> [Int: Record] {
        try await connection.executeScript("""
            CREATE SCHEMA IF NOT EXISTS moderation;
            CREATE TABLE IF NOT EXISTS moderation.schema_migrations (
                version    integer PRIMARY KEY,
                name       text NOT NULL,
                checksum   text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now(),
                applied_by text NOT NULL DEFAULT session_user
            );
            """)
        let versions = migrations.map { Int64($0.version) }
        let sqls = migrations.map(\.sql)
        // The files' checksums are computed by the server too, so both sides use the same function.
        let rows = try await connection.query("""
            SELECT m.version, m.name, m.checksum, m.applied_at,
                   coalesce(encode(sha256(convert_to(f.sql, 'UTF8')), 'hex'), '') AS expected
            FROM moderation.schema_migrations m
            LEFT JOIN unnest(\(versions)::bigint[], \(sqls)::text[]) AS f(version, sql)
                   ON f.version = m.version
            ORDER BY m.version
            """)
        var applied: [Int: Record] = [:]
        for row in rows {
            let version = try row.decode(Int.self, at: 0)
            let record = Record(
                name: try row.decode(String.self, at: 1),
                checksum: try row.decode(String.self, at: 2),
                appliedAt: try row.decode(Date.self, at: 3),
                expectedChecksum: try row.decode(String.self, at: 4))
            let recordedFile = Migration.fileName(version: version, name: record.name)
            if record.expectedChecksum.isEmpty {
                throw MigrationError(
                    "the database has migration \(recordedFile), which this commentmod does not have; use a commentmod at least as new as the one that applied it")
            }
            if record.expectedChecksum != record.checksum {
                throw MigrationError(
                    "\(recordedFile) has changed since it was applied (checksum \(record.checksum.prefix(12)) recorded, \(record.expectedChecksum.prefix(12)) now); migrations are forward-only: restore the file and put the change in a new one")
            }
            applied[version] = record
        }
        return applied
    }

    /// A session-level advisory lock: a second `migrate` waits here, then finds nothing pending.
    private func withMigrationLock<T: Sendable>(
        on connection: PostgresConnection, _ body: () async throws -> T
    ) async throws -> T {
        try await connection.execute("SELECT pg_advisory_lock(\(Self.advisoryLockKey))")
        do {
            let result = try await body()
            try await connection.execute("SELECT pg_advisory_unlock(\(Self.advisoryLockKey))")
            return result
        } catch {
            // Best effort: closing the session releases it anyway.
            _ = try? await connection.execute("SELECT pg_advisory_unlock(\(Self.advisoryLockKey))")
            throw error
        }
    }
}

extension Duration {
    /// For logs and reports: durations as fractional milliseconds.
    public var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}

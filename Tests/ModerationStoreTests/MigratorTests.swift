import DatabaseTestSupport
import Foundation
import ModerationStore
import PostgresClient
import Testing

@Suite("Migrator")
struct MigratorTests {
    @Test("applies every file once; a second run applies nothing")
    func migrateTwiceIsNoOp() async throws {
        let conninfo = try await TestDatabase.createDatabase(suite: "migrate_twice")
        let connection = try await PostgresConnection.connect(conninfo)
        let migrator = Migrator(migrations: try TestDatabase.migrations())

        let first = try await migrator.migrate(on: connection)
        #expect(first.map(\.file) == migrator.migrations.map(\.fileName))
        let second = try await migrator.migrate(on: connection)
        #expect(second.isEmpty)

        let status = try await migrator.status(on: connection)
        #expect(status.allSatisfy { $0.state == .applied })
        let recorded = try await connection.query("SELECT count(*) FROM moderation.schema_migrations")
        #expect(try recorded[0].decode(Int.self, at: 0) == migrator.migrations.count)
        await connection.close()
    }

    @Test("a changed applied file is refused, naming the file, and nothing else runs")
    func changedFileRefused() async throws {
        let conninfo = try await TestDatabase.createDatabase(suite: "migrate_changed")
        let connection = try await PostgresConnection.connect(conninfo)
        var files = try TestDatabase.migrations()
        try await Migrator(migrations: files).migrate(on: connection)

        files[0] = Migration(version: files[0].version, name: files[0].name, sql: files[0].sql + "\n-- edited\n")
        files.append(Migration(version: 9999, name: "later", sql: "CREATE TABLE moderation.should_not_exist (x int);"))
        let error = await #expect(throws: MigrationError.self) {
            try await Migrator(migrations: files).migrate(on: connection)
        }
        #expect(error?.message.contains(files[0].fileName) == true)
        #expect(error?.message.contains("changed") == true)
        let exists = try await connection.query("SELECT to_regclass('moderation.should_not_exist') IS NOT NULL")
        #expect(try exists[0].decode(Bool.self, at: 0) == false)
        await connection.close()
    }

    @Test("a migration the database has but this build lacks is refused")
    func unknownAppliedMigrationRefused() async throws {
        let conninfo = try await TestDatabase.createDatabase(suite: "migrate_unknown")
        let connection = try await PostgresConnection.connect(conninfo)
        var files = try TestDatabase.migrations()
        files.append(Migration(version: 9998, name: "from_the_future", sql: "SELECT 1;"))
        try await Migrator(migrations: files).migrate(on: connection)

        let error = await #expect(throws: MigrationError.self) {
            try await Migrator(migrations: try TestDatabase.migrations()).status(on: connection)
        }
        #expect(error?.message.contains("9998_from_the_future.sql") == true)
        await connection.close()
    }

    @Test("a failing file rolls back entirely and is retried next run")
    func failingFileRollsBack() async throws {
        let conninfo = try await TestDatabase.createDatabase(suite: "migrate_failing")
        let connection = try await PostgresConnection.connect(conninfo)
        var files = try TestDatabase.migrations()
        files.append(Migration(version: 9997, name: "broken", sql: """
            CREATE TABLE moderation.half_done (x int);
            SELECT 1/0;
            """))
        await #expect(throws: PostgresError.self) {
            try await Migrator(migrations: files).migrate(on: connection)
        }
        let rows = try await connection.query("""
            SELECT to_regclass('moderation.half_done') IS NULL,
                   (SELECT count(*) FROM moderation.schema_migrations WHERE version = 9997)
            """)
        #expect(try rows[0].decode(Bool.self, at: 0))
        #expect(try rows[0].decode(Int.self, at: 1) == 0)
        // The files before it were applied and stay applied.
        let status = try await Migrator(migrations: try TestDatabase.migrations()).status(on: connection)
        #expect(status.allSatisfy { $0.state == .applied })
        await connection.close()
    }

    @Test("concurrent runs apply each file exactly once")
    func concurrentRunsAreSafe() async throws {
        let conninfo = try await TestDatabase.createDatabase(suite: "migrate_concurrent")
        let files = try TestDatabase.migrations()
        let applied = try await withThrowingTaskGroup(of: [Migrator.Applied].self) { group in
            for _ in 0..<4 {
                group.addTask {
                    let connection = try await PostgresConnection.connect(conninfo)
                    let result = try await Migrator(migrations: files).migrate(on: connection)
                    await connection.close()
                    return result
                }
            }
            var all: [Migrator.Applied] = []
            for try await result in group { all += result }
            return all
        }
        #expect(applied.map(\.file).sorted() == files.map(\.fileName).sorted())
    }

    @Test("file names must be NNNN_name.sql")
    func fileNames() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cm-migrations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "SELECT 1;".write(to: directory.appendingPathComponent("0001_first.sql"), atomically: true, encoding: .utf8)
        try "SELECT 2;".write(to: directory.appendingPathComponent("0002_second.sql"), atomically: true, encoding: .utf8)
        #expect(try Migration.load(from: directory).map(\.version) == [1, 2])

        for bad in ["1_short.sql", "0003-dash.sql", "0003_Upper.sql", "0003_.sql", "notes.txt"] {
            let url = directory.appendingPathComponent(bad)
            try "SELECT 3;".write(to: url, atomically: true, encoding: .utf8)
            #expect(throws: MigrationError.self, "\(bad)") { try Migration.load(from: directory) }
            try FileManager.default.removeItem(at: url)
        }
        try "SELECT 3;".write(to: directory.appendingPathComponent("0002_again.sql"), atomically: true, encoding: .utf8)
        #expect(throws: MigrationError.self) { try Migration.load(from: directory) }
    }
}

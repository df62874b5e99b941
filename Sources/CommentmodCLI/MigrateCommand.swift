import ArgumentParser
import Foundation
import ModerationStore
import PostgresClient

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending schema migrations, or list them with --status.",
        discussion: """
            Each file of the migrations directory (NNNN_name.sql) runs once, in order, in its own transaction. \
            An applied file that has since changed stops the run before anything is applied. Concurrent runs \
            are serialized by an advisory lock. Run it as a role that may create schemas and roles.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "List applied and pending migrations instead of applying them.")
    var status = false

    @Flag(help: "With --status, print JSON.")
    var json = false

    @Option(help: ArgumentHelp("Directory of NNNN_name.sql files (default: $COMMENTMOD_MIGRATIONS, the installed share/commentmod/sql, or the source checkout).", valueName: "dir"))
    var migrations: String?

    func validate() throws {
        if json && !status { throw ValidationError("--json goes with --status") }
    }

    func run() async throws {
        let files: [Migration]
        do {
            files = try Migration.load(from: try Migration.locateDirectory(explicit: migrations))
        } catch let error as MigrationError {
            throw CommandFailure.usage(error.message)
        }
        let migrator = Migrator(migrations: files)
        let connection = try await database.connect(applicationName: "commentmod migrate")
        defer { Task { await connection.close() } }
        try await withDatabaseErrors {
            do {
                if status {
                    try printStatus(try await migrator.status(on: connection))
                } else {
                    let applied = try await migrator.migrate(on: connection) { entry in
                        print("applied \(entry.file) (\(String(format: "%.0f", entry.milliseconds)) ms)")
                    }
                    if applied.isEmpty { print("schema is up to date (\(files.count) migrations applied)") }
                }
            } catch let error as MigrationError {
                throw CommandFailure(error.message)
            }
        }
    }

    private func printStatus(_ entries: [Migrator.Entry]) throws {
        if json {
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(entries), as: UTF8.self))
            return
        }
        let formatter = ISO8601DateFormatter()
        for entry in entries {
            let when = entry.appliedAt.map { formatter.string(from: $0) } ?? ""
            print("\(entry.state.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(entry.file)  \(when)")
        }
        let pending = entries.filter { $0.state == .pending }.count
        print(pending == 0 ? "up to date" : "\(pending) pending")
    }
}

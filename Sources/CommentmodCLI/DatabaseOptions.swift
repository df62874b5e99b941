import ArgumentParser
import Foundation
import PostgresClient

/// Where the database is: `--database-url`, else `DATABASE_URL`, else libpq's own defaults (PGHOST,
/// PGUSER, PGPASSWORD, PGSSLMODE, ~/.pgpass, service files).
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("database-url"),
            help: ArgumentHelp("libpq URI or keyword string (default: $DATABASE_URL, else libpq's PG* defaults).",
                               valueName: "conninfo"))
    var databaseURL: String?

    var conninfo: String? {
        if let databaseURL, !databaseURL.isEmpty { return databaseURL }
        if let env = ProcessInfo.processInfo.environment["DATABASE_URL"], !env.isEmpty { return env }
        return nil
    }

    func connect(applicationName: String = "commentmod") async throws -> PostgresConnection {
        do {
            return try await PostgresConnection.connect(conninfo, options: ConnectOptions(applicationName: applicationName))
        } catch let error as PostgresError {
            throw CommandFailure.from(error)
        }
    }
}

extension DatabaseOptions {
    /// Connects, runs `body`, and closes the connection whatever happens; errors become one-line
    /// command failures.
    func withConnection<T>(applicationName: String, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        let connection = try await connect(applicationName: applicationName)
        do {
            let result = try await withDatabaseErrors { try await body(connection) }
            await connection.close()
            return result
        } catch {
            await connection.close()
            throw error
        }
    }
}

/// An error a store reports that a command shows as a `CommandFailure` (a line and an exit code).
protocol CommandFailureConvertible: Error {
    var commandFailure: CommandFailure { get }
}

/// Runs `body`, reporting database and store errors as one line each.
func withDatabaseErrors<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as PostgresError {
        throw CommandFailure.from(error)
    } catch let error as CommandFailureConvertible {
        throw error.commandFailure
    }
}

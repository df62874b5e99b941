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

/// Runs `body`, reporting database errors as one line each.
func withDatabaseErrors<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as PostgresError {
        throw CommandFailure.from(error)
    }
}

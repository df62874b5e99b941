import Foundation
import ModerationStore
import PostgresClient

/// One connection for one rules or author command, closed whatever happens, with the store's errors
/// turned into one line and the exit code they mean: bad input 2, nothing matched 1.
enum RulesSession {
    static func run<T>(
        _ database: DatabaseOptions, command: String, _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        let connection = try await database.connect(applicationName: "commentmod \(command)")
        do {
            let value = try await withDatabaseErrors { try await body(connection) }
            await connection.close()
            return value
        } catch let error as RuleStoreError {
            await connection.close()
            // Messages quote patterns, sites and values: never let them drive the terminal.
            throw CommandFailure(
                TextStyle.visible(error.description),
                exitCode: error.isBadInput ? CommandFailure.usageExitCode : CommandFailure.failureExitCode)
        } catch {
            await connection.close()
            throw error
        }
    }
}

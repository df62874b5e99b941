import ModerationStore
import PostgresClient

/// One connection for one rules or author command (see `DatabaseOptions.withConnection`).
enum RulesSession {
    static func run<T>(
        _ database: DatabaseOptions, command: String, _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await database.withConnection(applicationName: "commentmod \(command)", body)
    }
}

/// The store's errors as one line and the exit code they mean: bad input 2, nothing matched 1.
extension RuleStoreError: CommandFailureConvertible {
    var commandFailure: CommandFailure {
        // Messages quote patterns, sites and values: never let them drive the terminal.
        CommandFailure(
            TextStyle.visible(description),
            exitCode: isBadInput ? CommandFailure.usageExitCode : CommandFailure.failureExitCode)
    }
}

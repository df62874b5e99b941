import PostgresClient

/// An error a command reports as one line, with the exit code it means.
public struct CommandFailure: Error, CustomStringConvertible {
    public static let failureExitCode: Int32 = 1
    public static let usageExitCode: Int32 = 2
    public static let unavailableExitCode: Int32 = 3

    public let message: String
    public let exitCode: Int32

    public init(_ message: String, exitCode: Int32 = CommandFailure.failureExitCode) {
        self.message = message
        self.exitCode = exitCode
    }

    public var description: String { message }

    public static func usage(_ message: String) -> CommandFailure {
        CommandFailure(message, exitCode: usageExitCode)
    }

    /// Maps a database error to a line and a code: unreachable servers and malformed connection strings are
    /// told apart from failing statements.
    public static func from(_ error: PostgresError) -> CommandFailure {
        switch error.kind {
        case .connectionFailed:
            return CommandFailure(error.description, exitCode: unavailableExitCode)
        case .malformedConnectionString:
            return CommandFailure(error.description, exitCode: usageExitCode)
        default:
            return CommandFailure(error.description, exitCode: failureExitCode)
        }
    }
}

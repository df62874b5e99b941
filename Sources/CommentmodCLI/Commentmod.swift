import ArgumentParser
import Foundation

public struct Commentmod: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "commentmod",
        abstract: "Comment moderation on PostgreSQL.",
        discussion: """
            Exit codes: 0 done; 1 failed, nothing matched or a conflict; 2 bad usage or input; \
            3 the database could not be reached.
            """,
        version: CommentmodVersion.current,
        subcommands: [
            MigrateCommand.self, WorkerCommand.self, StatusCommand.self, CheckCommand.self, ReviewCommand.self,
            RulesCommand.self, AuthorCommand.self, PrivacyCommand.self, StatsCommand.self,
        ]
    )

    public init() {}

    /// Runs a command line and turns every error into one line on stderr and a documented exit code,
    /// so no input ever produces a stack trace.
    public static func run(arguments: [String]) async -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return 0
        } catch let failure as CommandFailure {
            FileHandle.standardError.write(Data("commentmod: \(failure.message)\n".utf8))
            return failure.exitCode
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // --help and --version are "errors" that carry their text.
                print(fullMessage(for: error))
                return 0
            }
            // One line, like every other error: the parser's first line, and where the usage is.
            let first = message(for: error).split(separator: "\n").first.map(String.init) ?? "bad usage"
            let command = arguments.prefix { !$0.hasPrefix("-") && subcommandNames.contains($0) }
            let help = (["commentmod"] + command + ["--help"]).joined(separator: " ")
            FileHandle.standardError.write(Data("commentmod: \(first) (see '\(help)')\n".utf8))
            // ArgumentParser reports usage errors as 64 (EX_USAGE); commentmod documents 2.
            return code == .validationFailure ? CommandFailure.usageExitCode : CommandFailure.failureExitCode
        }
    }
}

extension Commentmod {
    /// Every subcommand name at any depth, to find the command a usage error belongs to.
    static var subcommandNames: Set<String> {
        var names: Set<String> = []
        var pending = configuration.subcommands
        while let command = pending.popLast() {
            if let name = command.configuration.commandName { names.insert(name) }
            pending += command.configuration.subcommands
        }
        return names
    }
}

public enum CommentmodVersion {
    public static let current = "0.1.0"
}

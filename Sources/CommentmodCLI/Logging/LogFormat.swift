import ArgumentParser
import Logging

/// `--log-format`: text for a person at a terminal, JSON lines for journald, Loki or ELK.
enum LogFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text
    case json
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

/// The process-wide logging setup: done once, before the first logger is made.
enum LoggingSetup {
    static func bootstrap(format: LogFormat, level: Logger.Level) {
        LoggingSystem.bootstrap { label in
            CommentmodLogHandler(label: label, format: format, level: level)
        }
    }
}

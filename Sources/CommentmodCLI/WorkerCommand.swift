import ArgumentParser
import Foundation
import Logging
import ModerationWorker
import PostgresClient
import ServiceLifecycle

struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run the moderation worker: decide submitted comments and publish the approved ones.",
        discussion: """
            Claims queued comments in batches (FOR UPDATE SKIP LOCKED), judges them in memory and commits \
            every verdict, event, publication and notification of a batch in one transaction. Wakes on \
            LISTEN comment_submitted, with a fallback poll. Any number of workers may share a database. \
            SIGTERM or SIGINT: the running batch commits, then the worker exits 0; a second signal exits at \
            once (the open transaction rolls back; nothing is lost). Every option may also be set by the \
            environment variable named in its help.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Most comments decided per transaction [$COMMENTMOD_BATCH_SIZE].", valueName: "n"))
    var batchSize: Int?

    @Option(help: ArgumentHelp("Batches in flight at once on their own connections while a backlog lasts (1-8) [$COMMENTMOD_CONCURRENT_BATCHES].", valueName: "n"))
    var concurrentBatches: Int?

    @Option(help: ArgumentHelp("Seconds between fallback polls when no notification arrives [$COMMENTMOD_POLL_INTERVAL].", valueName: "seconds"))
    var pollInterval: Double?

    @Option(help: ArgumentHelp("Seconds between info-level summary lines [$COMMENTMOD_SUMMARY_INTERVAL].", valueName: "seconds"))
    var summaryInterval: Double?

    @Option(help: ArgumentHelp("Failed attempts before a comment is held as processing_error [$COMMENTMOD_MAX_ATTEMPTS].", valueName: "n"))
    var maxAttempts: Int?

    @Option(help: ArgumentHelp("Seconds judging one batch may take before the worker takes it for a hang and exits to be restarted [$COMMENTMOD_JUDGE_TIMEOUT].", valueName: "seconds"))
    var judgeTimeout: Double?

    @Option(help: ArgumentHelp("text or json [$COMMENTMOD_LOG_FORMAT].", valueName: "format"))
    var logFormat: LogFormat?

    @Option(help: ArgumentHelp("trace, debug, info, notice, warning, error or critical [$COMMENTMOD_LOG_LEVEL].", valueName: "level"))
    var logLevel: Logger.Level?

    struct Settings {
        // The size every benchmark figure in the README was measured with.
        var batchSize = 1000
        var concurrentBatches = 4
        var pollInterval = 1.0
        var summaryInterval = 60.0
        var maxAttempts = 3
        var judgeTimeout = 60.0
        var logFormat = LogFormat.text
        var logLevel = Logger.Level.info
    }

    /// Options win over the environment, which wins over the defaults; a bad value in either is one line.
    func settings(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Settings {
        var settings = Settings()
        settings.batchSize = try batchSize ?? Self.env("COMMENTMOD_BATCH_SIZE", environment) ?? settings.batchSize
        settings.concurrentBatches = try concurrentBatches ?? Self.env("COMMENTMOD_CONCURRENT_BATCHES", environment) ?? settings.concurrentBatches
        settings.pollInterval = try pollInterval ?? Self.env("COMMENTMOD_POLL_INTERVAL", environment) ?? settings.pollInterval
        settings.summaryInterval = try summaryInterval ?? Self.env("COMMENTMOD_SUMMARY_INTERVAL", environment) ?? settings.summaryInterval
        settings.maxAttempts = try maxAttempts ?? Self.env("COMMENTMOD_MAX_ATTEMPTS", environment) ?? settings.maxAttempts
        settings.judgeTimeout = try judgeTimeout ?? Self.env("COMMENTMOD_JUDGE_TIMEOUT", environment) ?? settings.judgeTimeout
        settings.logFormat = try logFormat ?? Self.env("COMMENTMOD_LOG_FORMAT", environment) ?? settings.logFormat
        settings.logLevel = try logLevel ?? Self.env("COMMENTMOD_LOG_LEVEL", environment) ?? settings.logLevel
        guard (1...10_000).contains(settings.batchSize) else {
            throw CommandFailure.usage("batch size must be between 1 and 10000, got \(settings.batchSize)")
        }
        guard (1...8).contains(settings.concurrentBatches) else {
            throw CommandFailure.usage("concurrent batches must be between 1 and 8, got \(settings.concurrentBatches)")
        }
        guard settings.pollInterval.isFinite, (0.01...3600).contains(settings.pollInterval) else {
            throw CommandFailure.usage("poll interval must be between 0.01 and 3600 seconds, got \(settings.pollInterval)")
        }
        guard settings.summaryInterval.isFinite, (1...86_400).contains(settings.summaryInterval) else {
            throw CommandFailure.usage("summary interval must be between 1 and 86400 seconds, got \(settings.summaryInterval)")
        }
        guard (1...100).contains(settings.maxAttempts) else {
            throw CommandFailure.usage("max attempts must be between 1 and 100, got \(settings.maxAttempts)")
        }
        guard settings.judgeTimeout.isFinite, (1...3600).contains(settings.judgeTimeout) else {
            throw CommandFailure.usage("judge timeout must be between 1 and 3600 seconds, got \(settings.judgeTimeout)")
        }
        return settings
    }

    private static func env<T: ExpressibleByArgument>(_ name: String, _ environment: [String: String]) throws -> T? {
        guard let raw = environment[name], !raw.isEmpty else { return nil }
        guard let value = T(argument: raw) else {
            throw CommandFailure.usage("\(name): not a valid value: \(String(reflecting: raw))")
        }
        return value
    }

    func run() async throws {
        let settings = try settings()
        if let conninfo = database.conninfo {
            // A malformed string is a usage error now, not a retry loop later.
            do { _ = try PostgresConnection.conninfoOptions(conninfo) } catch let error as PostgresError {
                throw CommandFailure.from(error)
            }
        }
        LoggingSetup.bootstrap(format: settings.logFormat, level: settings.logLevel)
        let logger = Logger(label: "commentmod")
        WorkerAllocator.keepBatchBuffers()

        var configuration = WorkerConfiguration(conninfo: database.conninfo)
        configuration.batchSize = settings.batchSize
        configuration.concurrentBatches = settings.concurrentBatches
        configuration.pollInterval = .milliseconds(Int64(settings.pollInterval * 1000))
        configuration.summaryInterval = .milliseconds(Int64(settings.summaryInterval * 1000))
        configuration.maxAttempts = settings.maxAttempts
        configuration.judgeTimeout = .milliseconds(Int64(settings.judgeTimeout * 1000))
        let worker = ModerationWorker(configuration: configuration, logger: logger, version: CommentmodVersion.current)

        let signals = ImmediateExitOnSecondSignal()
        signals.arm()
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: worker, successTerminationBehavior: .gracefullyShutdownGroup,
                             failureTerminationBehavior: .gracefullyShutdownGroup)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        do {
            try await group.run()
        } catch let error as PostgresError {
            throw CommandFailure.from(error)
        }
    }
}

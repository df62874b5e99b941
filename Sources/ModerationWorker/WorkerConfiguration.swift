import Foundation

/// How a worker runs. Defaults suit one worker per host on a blog-sized database.
public struct WorkerConfiguration: Sendable {
    /// libpq URI or keyword string; nil for libpq's own defaults.
    public var conninfo: String?
    /// Most comments claimed and decided in one transaction.
    public var batchSize: Int = 200
    /// Batches run at once on separate connections while a backlog lasts, so that one batch's judging
    /// and another's wait for its commit to reach the disk overlap other batches' statements (see
    /// `BatchLanes`): on a 2-core machine 4 drain a backlog ≈ 10 % faster than 2. 1 runs one batch at a time.
    public var concurrentBatches: Int = 4
    /// The fallback poll next to LISTEN: notifications are hints, lost while disconnected.
    public var pollInterval: Duration = .seconds(1)
    /// How often the info-level summary line is written.
    public var summaryInterval: Duration = .seconds(60)
    /// How often the heartbeat row is refreshed.
    public var heartbeatInterval: Duration = .seconds(10)
    /// Failed attempts (the worker died or threw while holding the comment) before it is held for a person.
    public var maxAttempts: Int = 3
    /// Judging one batch takes milliseconds; past this the worker takes it for a comment that hangs the
    /// judge (a bug) and exits, so the batch rolls back and its comments are retried one by one (see
    /// `JudgeWatchdog`).
    public var judgeTimeout: Duration = .seconds(60)
    /// A batch slower than this is logged as a warning.
    public var slowBatchThreshold: Duration = .seconds(1)
    /// Server-side limits so a hung or stuck worker never keeps its locks for long.
    public var statementTimeout: Duration = .seconds(30)
    public var idleInTransactionTimeout: Duration = .seconds(60)
    /// Reconnect backoff: doubles from `initial` up to `max`, with full jitter.
    public var reconnectInitialDelay: Duration = .milliseconds(100)
    public var reconnectMaxDelay: Duration = .seconds(10)

    /// `worker:HOST:PID`, the actor recorded in every event this worker writes.
    public var workerID: String
    public var host: String
    public var pid: Int32

    public init(conninfo: String?) {
        self.conninfo = conninfo
        host = ProcessInfo.processInfo.hostName
        pid = ProcessInfo.processInfo.processIdentifier
        workerID = "worker:\(host):\(pid)"
    }
}

import Foundation

/// Runs one connection's jobs in order on a thread of its own, so that libpq's blocking calls never occupy
/// a thread of Swift's cooperative pool.
///
/// The thread keeps the executor alive until `shutdown()` has been called and every queued job has run,
/// so a job never runs on an executor that has been freed.
final class ConnectionExecutor: SerialExecutor, @unchecked Sendable {
    // Guarded by `condition`.
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var stopping = false
    private var thread: pthread_t?

    init() {
        let thread = Thread { [self] in self.runLoop() }
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    /// Whether the caller runs on this executor's thread.
    var isCurrent: Bool {
        condition.lock()
        let owner = thread
        condition.unlock()
        guard let owner else { return false }
        return pthread_equal(owner, pthread_self()) != 0
    }

    func checkIsolated() {
        guard isCurrent else {
            preconditionFailure("PostgresConnection: code expected on the connection's thread runs elsewhere")
        }
    }

    /// Lets the thread finish: it runs the jobs still queued, then exits and releases the executor.
    func shutdown() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    private func runLoop() {
        Self.nameCurrentThread()
        condition.lock()
        thread = pthread_self()
        condition.unlock()
        var batch: [UnownedJob] = []
        while true {
            condition.lock()
            while jobs.isEmpty && !stopping {
                condition.wait()
            }
            if jobs.isEmpty {
                condition.unlock()
                return
            }
            swap(&batch, &jobs)
            condition.unlock()
            for job in batch {
                job.runSynchronously(on: asUnownedSerialExecutor())
            }
            batch.removeAll(keepingCapacity: true)
        }
    }

    /// Names the thread "PostgresConn" for `top -H`, debuggers and tests. Foundation's `Thread.name` misses a
    /// thread now and then on Linux, and Glibc's module does not export `pthread_setname_np` to Swift.
    private static func nameCurrentThread() {
        #if os(Linux)
        typealias SetName = @convention(c) (pthread_t, UnsafePointer<CChar>) -> Int32
        guard let symbol = dlsym(nil, "pthread_setname_np") else { return }
        _ = unsafeBitCast(symbol, to: SetName.self)(pthread_self(), "PostgresConn")
        #endif
    }
}

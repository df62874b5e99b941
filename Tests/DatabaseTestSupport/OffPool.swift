import Foundation

/// Runs blocking work (waiting for a child process, reading a pipe) on a thread of its own.
///
/// Swift Testing runs the tests of the whole bundle in parallel on the cooperative task pool, which has one
/// thread per core: two on the CI machines. A test that blocks a pool thread while a child process runs
/// leaves the other tests one thread, and a second such test none, so their workers and their
/// `Wait.until` loops stall for as long as the children run and time out for no fault of their own.
public enum OffPool {
    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try body() })
            }
        }
    }
}

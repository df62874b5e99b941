import CLibPQ

extension PostgresConnection {
    /// The transactions the current task runs, by connection; child tasks inherit it, so a transaction's
    /// body may use its connection from structured child tasks too.
    @TaskLocal static var ownedTransactions: [ObjectIdentifier: UInt64] = [:]

    /// Runs `body` in a transaction: `BEGIN`, then `COMMIT` if it returns, `ROLLBACK` if it throws (cancellation
    /// included). Called again from inside `body`, it opens a savepoint instead, rolled back on its own;
    /// such nested calls must not run concurrently (savepoints form a stack).
    ///
    /// Until it ends, other tasks' statements on this connection wait; `body` must therefore not wait for a
    /// task that uses this connection outside the transaction.
    ///
    /// - Throws: the error `body` threw, or a `PostgresError` from `BEGIN`/`COMMIT`; if `body` swallowed a
    ///   statement error and the server aborted the transaction, `COMMIT` rolls back and this throws
    ///   `.transactionRolledBack`.
    @discardableResult
    public func transaction<T: Sendable>(_ body: @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        if let owner = transactionOwner, Self.ownedTransactions[ObjectIdentifier(self)] == owner {
            return try await savepoint(body)
        }
        await awaitTurn()
        try Task.checkCancellation()
        transactionCounter += 1
        let id = transactionCounter
        transactionOwner = id
        defer { releaseTurn() }
        _ = try perform(.simple("BEGIN"), cancellable: false)
        var owned = Self.ownedTransactions
        owned[ObjectIdentifier(self)] = id
        do {
            let value = try await Self.$ownedTransactions.withValue(owned) { try await body(self) }
            let commit = try perform(.simple("COMMIT"), cancellable: false)
            // COMMIT of an aborted transaction succeeds with the tag ROLLBACK.
            guard commit.commandTag == "COMMIT" else {
                throw PostgresError(
                    kind: .transactionRolledBack,
                    message: "COMMIT rolled the transaction back because a statement in it had failed"
                )
            }
            return value
        } catch {
            rollbackIfOpen()
            throw error
        }
    }

    private func savepoint<T: Sendable>(_ body: @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        savepointDepth += 1
        defer { savepointDepth -= 1 }
        let name = "postgresclient_savepoint_\(savepointDepth)"
        _ = try perform(.simple("SAVEPOINT \(name)"), cancellable: false)
        do {
            let value = try await body(self)
            _ = try perform(.simple("RELEASE SAVEPOINT \(name)"), cancellable: false)
            return value
        } catch {
            _ = try? perform(.simple("ROLLBACK TO SAVEPOINT \(name); RELEASE SAVEPOINT \(name)"), cancellable: false)
            throw error
        }
    }

    /// Best effort: when the connection is lost the server has already rolled back.
    private func rollbackIfOpen() {
        guard let connection = handle.pointer else { return }
        switch PQtransactionStatus(connection) {
        case PQTRANS_INTRANS, PQTRANS_INERROR:
            _ = try? perform(.simple("ROLLBACK"), cancellable: false)
        default:
            break
        }
    }

    /// Waits while another task's transaction holds the connection.
    func awaitTurn() async {
        while let owner = transactionOwner, Self.ownedTransactions[ObjectIdentifier(self)] != owner {
            await withCheckedContinuation { turnWaiters.append($0) }
        }
    }

    private func releaseTurn() {
        transactionOwner = nil
        let waiters = turnWaiters
        turnWaiters = []
        for waiter in waiters {
            waiter.resume()
        }
    }
}

import Synchronization

/// The rule book batches judge with, shared by the connections of a drain: a rule change read between
/// batches (see `ModerationWorker.doChores`) takes effect in every connection's next batch, without
/// stopping the others.
final class CurrentRules: Sendable {
    private let book: Mutex<RuleBook>

    init(_ book: RuleBook) {
        self.book = Mutex(book)
    }

    var value: RuleBook { book.withLock { $0 } }

    func replace(with newBook: RuleBook) {
        book.withLock { $0 = newBook }
    }
}

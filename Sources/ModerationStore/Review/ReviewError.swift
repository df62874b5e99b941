/// Why a moderator's change was refused. Nothing was changed when one is thrown: the transaction rolled back.
public enum ReviewError: Error, Sendable, Equatable {
    /// No comment has these ids.
    case unknownComments([Int64])
    /// These comments are not as the moderator expected; `--force` overrides.
    case conflicts([ReviewConflict])
    /// No event has this id.
    case unknownEvent(Int64)
    /// The event or action cannot be undone, and why (a worker's decision, a note, …).
    case notUndoable(String)
    /// `undo --last` found no action of this moderator left to undo.
    case nothingToUndo(actor: String)
    /// Someone undid this action already.
    case alreadyUndone(actionID: Int64, by: String)
    /// The database changed under a held lock: a bug, reported rather than half-applied.
    case inconsistent(String)
}

/// One comment that is not in the state a change expected, with what last happened to it so the
/// moderator learns who changed it and how.
public struct ReviewConflict: Sendable, Equatable, Codable {
    public enum Problem: String, Sendable, Codable {
        /// The worker has not decided it yet.
        case pending
        /// Its version moved on since the moderator saw it.
        case changed
        /// An approval needs a body to publish, and this one was erased.
        case noBody
    }

    public let id: Int64
    public let problem: Problem
    public let status: String
    public let version: Int
    public let expectedVersion: Int?
    public let lastChange: LastChange?

    public struct LastChange: Sendable, Equatable, Codable {
        public let actor: String
        public let kind: String
        public let fromStatus: String?
        public let toStatus: String
        public let secondsAgo: Double
    }
}

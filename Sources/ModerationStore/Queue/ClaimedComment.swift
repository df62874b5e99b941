import Foundation
import ModerationCore

/// A queued comment as the worker claimed it, locked by the claiming transaction until it ends.
///
/// A class: the worker passes each comment through several steps, and a copy of a struct with this many
/// strings retains every one of them, where a reference is retained once.
public final class ClaimedComment: Sendable {
    public let id: Int64
    /// The fields the rules read (not the IP address and user agent; see `QueueStore.claim`).
    public let input: CommentInput
    /// How many earlier claims of this comment ended without a decision (the worker died or threw).
    public let failedAttempts: Int
    /// The last error recorded for it, when an attempt threw.
    public let lastError: String?
    /// What the database knew about its author and post when it was claimed (see `QueueStore.claim`).
    public let facts: CommentFacts
    /// Where the claim found the comment's row and its queue entry (see `QueueStore.write`).
    let rows: RowLocation

    init(id: Int64, input: CommentInput, failedAttempts: Int, lastError: String?, facts: CommentFacts, rows: RowLocation) {
        self.id = id
        self.input = input
        self.failedAttempts = failedAttempts
        self.lastError = lastError
        self.facts = facts
        self.rows = rows
    }

    /// The physical addresses (`ctid`, as text) of the comment's row and of its queue entry when claimed.
    /// The write reaches both through them instead of searching the primary keys' indexes again: the queue
    /// entry is locked by the batch, so it stays where it is; the comment's row may move if someone else
    /// changes it meanwhile, and then the write finds no pending comment there and the batch rolls back.
    struct RowLocation: Sendable {
        let comment: String
        let queueEntry: String
    }
}

/// One decision to write back: the new status, the reasons as they go to the database and the event.
public struct DecisionRecord: Sendable {
    public let commentID: Int64
    public let decision: Decision
    public let reasons: [Reason]
    public let bodyHTML: String?
    public let note: String?
    let rows: ClaimedComment.RowLocation
    /// Whether the author had an approved comment when the claim looked (so approving this one adds no
    /// row to `approved_authors`).
    let authorWasApproved: Bool

    /// The decision on `comment`, which this worker claimed.
    public init(for comment: ClaimedComment, decision: Decision, reasons: [Reason], bodyHTML: String?, note: String? = nil) {
        self.commentID = comment.id
        self.decision = decision
        self.reasons = reasons
        self.bodyHTML = bodyHTML
        self.note = note
        self.rows = comment.rows
        self.authorWasApproved = (comment.facts.previouslyApprovedCount ?? 0) > 0
    }
}

/// What a committed batch did.
public struct BatchWriteResult: Sendable, Equatable {
    public let decided: Int
    public let published: Int
}

public struct QueueStoreError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}

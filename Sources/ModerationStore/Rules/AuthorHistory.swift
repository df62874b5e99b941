import Foundation

/// What the database knows about one author (an email address, or an IP address or network).
public struct AuthorHistory: Sendable, Equatable, Codable {
    /// Comment counts by status: every status is present, zero included.
    public var counts: [String: Int]
    public var total: Int
    public var firstSeen: Date?
    public var lastSeen: Date?
    /// Approved comments over those with a final decision (approved, rejected, spam; not pending or held);
    /// nil when none has one.
    public var approvalRate: Double?
    public var sites: [Site]
    /// The newest comments, newest first.
    public var recent: [Comment]
    /// Active blocks that match the author.
    public var blocks: [Block]

    public struct Site: Sendable, Equatable, Codable {
        public var siteID: String
        public var counts: [String: Int]
        public var total: Int
        public var firstSeen: Date
        public var lastSeen: Date
    }

    public struct Comment: Sendable, Equatable, Codable {
        public var id: Int64
        public var siteID: String
        public var postID: String?
        public var status: String
        public var submittedAt: Date
        public var authorName: String?
        public var authorEmail: String?
        public var authorIP: String?
        public var body: String?
    }

    /// The statuses a comment can have, in the order listings show them.
    public static let statuses = ["pending", "approved", "held", "rejected", "spam"]
}

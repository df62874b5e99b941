/// What the database knows about a comment's author and post, loaded by the worker for the last phase.
/// Every fact is optional: an unknown fact (nil) never fires a rule, so `CommentFacts.none`, as used by
/// `commentmod check` without a database, judges the text alone.
public struct CommentFacts: Sendable, Hashable {
    /// How many earlier comments by this author (name and email) were approved; nil when unknown.
    public var previouslyApprovedCount: Int?
    /// Seconds since the previous comment from the same IP address; nil when none or unknown. The worker
    /// looks back `Policy.longestFloodIntervalSeconds` (a longer gap can fire no rule) and gives nil beyond.
    public var secondsSinceLastFromIP: Double?
    /// Seconds since the previous comment from the same email address; nil when none or unknown (the
    /// worker looks back as far as for the IP address).
    public var secondsSinceLastFromEmail: Double?
    /// Whether the post already has a comment identical to this one; nil when unknown.
    public var duplicateOnPost: Bool?
    /// The block entries that match this comment's IP, email or domains; empty when none.
    public var blocks: [BlockFact]

    public init(
        previouslyApprovedCount: Int? = nil, secondsSinceLastFromIP: Double? = nil,
        secondsSinceLastFromEmail: Double? = nil, duplicateOnPost: Bool? = nil, blocks: [BlockFact] = []
    ) {
        self.previouslyApprovedCount = previouslyApprovedCount
        self.secondsSinceLastFromIP = secondsSinceLastFromIP
        self.secondsSinceLastFromEmail = secondsSinceLastFromEmail
        self.duplicateOnPost = duplicateOnPost
        self.blocks = blocks
    }

    /// No facts: no trust, flood, duplicate or block rule fires.
    public static let none = CommentFacts()
}

extension CommentFacts: Codable {
    enum CodingKeys: String, CodingKey {
        case previouslyApprovedCount = "previously_approved_count"
        case secondsSinceLastFromIP = "seconds_since_last_from_ip"
        case secondsSinceLastFromEmail = "seconds_since_last_from_email"
        case duplicateOnPost = "duplicate_on_post"
        case blocks
    }

    /// Every key may be missing, `blocks` included, so `{}` reads as `CommentFacts.none`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            previouslyApprovedCount: try container.decodeIfPresent(Int.self, forKey: .previouslyApprovedCount),
            secondsSinceLastFromIP: try container.decodeIfPresent(Double.self, forKey: .secondsSinceLastFromIP),
            secondsSinceLastFromEmail: try container.decodeIfPresent(Double.self, forKey: .secondsSinceLastFromEmail),
            duplicateOnPost: try container.decodeIfPresent(Bool.self, forKey: .duplicateOnPost),
            blocks: try container.decodeIfPresent([BlockFact].self, forKey: .blocks) ?? [])
    }
}

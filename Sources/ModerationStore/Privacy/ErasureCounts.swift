/// What `moderation.erase_author` changed (or, for a preview, would change). The same object is recorded
/// as the `privacy erase` action's detail: counts only, never the erased data.
public struct ErasureCounts: Sendable, Codable, Equatable {
    /// The person's comments, anonymised.
    public var comments: Int
    /// Of those, the ones whose text was deleted too (`--delete-comments`).
    public var deletedComments: Int
    /// Of those, the ones that were published and no longer are.
    public var withdrawn: Int
    /// Distinct IP addresses of the person's comments.
    public var ipAddresses: Int
    /// Other people's comments that share one of those addresses; they keep it.
    public var sharedIpComments: Int
    /// Other people's comments whose text mentioned the person, redacted.
    public var mentioningComments: Int
    /// Blocks on the address or on exactly one of the IP addresses, removed.
    public var blocksRemoved: Int
    /// Word rules whose pattern named the address or an IP address, removed.
    public var wordRulesRemoved: Int
    /// Earlier events whose reasons or note held the person's data, redacted.
    public var eventsRedacted: Int
    /// Earlier moderator actions whose detail named the person, redacted.
    public var actionsRedacted: Int
    /// Rows of other tables (block reasons, worker errors, …) that mentioned the person, redacted.
    public var otherRedactions: Int

    public init(
        comments: Int = 0, deletedComments: Int = 0, withdrawn: Int = 0, ipAddresses: Int = 0,
        sharedIpComments: Int = 0, mentioningComments: Int = 0, blocksRemoved: Int = 0, wordRulesRemoved: Int = 0,
        eventsRedacted: Int = 0, actionsRedacted: Int = 0, otherRedactions: Int = 0
    ) {
        self.comments = comments
        self.deletedComments = deletedComments
        self.withdrawn = withdrawn
        self.ipAddresses = ipAddresses
        self.sharedIpComments = sharedIpComments
        self.mentioningComments = mentioningComments
        self.blocksRemoved = blocksRemoved
        self.wordRulesRemoved = wordRulesRemoved
        self.eventsRedacted = eventsRedacted
        self.actionsRedacted = actionsRedacted
        self.otherRedactions = otherRedactions
    }

    /// True when nothing stored was about the person: nothing was (or would be) changed or recorded.
    public var isEmpty: Bool {
        comments + mentioningComments + blocksRemoved + wordRulesRemoved + eventsRedacted + actionsRedacted
            + otherRedactions == 0
    }
}

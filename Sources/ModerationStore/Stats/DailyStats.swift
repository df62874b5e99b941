/// One site's moderation figures for one UTC day (definitions: README, "Stats", and `StatsStore`).
public struct DailyStats: Sendable, Codable, Equatable {
    public var siteId: String
    /// The UTC day, `YYYY-MM-DD`.
    public var day: String
    /// Comments submitted that day.
    public var submitted: Int
    /// Decisions made that day, by the worker or a moderator, by the status they set.
    public var approved: Int
    public var held: Int
    public var rejected: Int
    public var spam: Int
    /// Median seconds between a comment entering the held queue and the decision that took it out, over
    /// the decisions made that day; nil when none was.
    public var medianHeldSeconds: Double?
    /// How many decisions took a comment out of the held queue that day (the median's sample).
    public var heldDecided: Int
    /// Comments that entered the held queue that day and are still there (left out of the median).
    public var stillHeld: Int

    public init(
        siteId: String, day: String, submitted: Int = 0, approved: Int = 0, held: Int = 0, rejected: Int = 0,
        spam: Int = 0, medianHeldSeconds: Double? = nil, heldDecided: Int = 0, stillHeld: Int = 0
    ) {
        self.siteId = siteId
        self.day = day
        self.submitted = submitted
        self.approved = approved
        self.held = held
        self.rejected = rejected
        self.spam = spam
        self.medianHeldSeconds = medianHeldSeconds
        self.heldDecided = heldDecided
        self.stillHeld = stillHeld
    }

    /// Every key always present: a day without held decisions says `"median_held_seconds": null`, which
    /// scripts can test for, rather than leaving the key out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(siteId, forKey: .siteId)
        try container.encode(day, forKey: .day)
        try container.encode(submitted, forKey: .submitted)
        try container.encode(approved, forKey: .approved)
        try container.encode(held, forKey: .held)
        try container.encode(rejected, forKey: .rejected)
        try container.encode(spam, forKey: .spam)
        try container.encode(medianHeldSeconds, forKey: .medianHeldSeconds)
        try container.encode(heldDecided, forKey: .heldDecided)
        try container.encode(stillHeld, forKey: .stillHeld)
    }
}

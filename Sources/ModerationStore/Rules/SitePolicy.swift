import ModerationCore

/// A site's stored policy document and what it means.
public struct SitePolicy: Sendable, Equatable {
    public let siteID: String
    /// `moderation.sites.policy` as stored: only the keys a moderator set.
    public let document: String
    /// The keys present in `document`, sorted.
    public let setKeys: [String]

    /// The policy the worker judges the site's comments by, or the error that makes it hold them
    /// (`site_rules_invalid`).
    public var effective: Result<Policy, PolicyError> {
        Result { () throws(PolicyError) in try Policy.fromJSON(document) }
    }
}

/// One `KEY=VALUE` of `rules policy set`: the value as JSON text.
public struct PolicySetting: Sendable, Hashable {
    public let key: String
    public let json: String

    public init(key: String, json: String) {
        self.key = key
        self.json = json
    }
}

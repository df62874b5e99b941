/// Which sites a word rule or block applies to: one site, or every site (`site_id` NULL).
public enum RuleScope: Sendable, Hashable, Codable {
    case everySite
    case site(String)

    /// NULL for every site, as the tables store it.
    public init(siteID: String?) {
        self = siteID.map(RuleScope.site) ?? .everySite
    }

    public var siteID: String? {
        switch self {
        case .everySite: nil
        case .site(let id): id
        }
    }

    public init(from decoder: any Decoder) throws {
        self.init(siteID: try decoder.singleValueContainer().decode(String?.self))
    }

    /// The site id, or null for every site.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(siteID)
    }
}

/// Which rows a listing shows.
public enum RuleListing: Sendable, Hashable {
    /// Every row, whatever its scope.
    case all
    /// The rows of exactly one scope: what `import --replace` and `export` work on.
    case scope(RuleScope)
    /// The rows that apply to a site: its own and those for every site.
    case applyingTo(String)
}

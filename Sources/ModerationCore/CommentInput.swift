/// A comment as the blog form posted it: every field may be empty or malformed, judging is ours.
public struct CommentInput: Codable, Sendable, Hashable {
    public var siteID: String?
    public var postID: String?
    public var parentID: Int64?
    public var authorName: String?
    public var authorEmail: String?
    public var authorURL: String?
    public var body: String?
    /// Textual IP address, as PostgreSQL's inet prints it.
    public var authorIP: String?
    public var userAgent: String?

    public init(
        siteID: String? = nil, postID: String? = nil, parentID: Int64? = nil, authorName: String? = nil,
        authorEmail: String? = nil, authorURL: String? = nil, body: String? = nil, authorIP: String? = nil,
        userAgent: String? = nil
    ) {
        self.siteID = siteID
        self.postID = postID
        self.parentID = parentID
        self.authorName = authorName
        self.authorEmail = authorEmail
        self.authorURL = authorURL
        self.body = body
        self.authorIP = authorIP
        self.userAgent = userAgent
    }

    enum CodingKeys: String, CodingKey {
        case siteID = "site_id"
        case postID = "post_id"
        case parentID = "parent_id"
        case authorName = "author_name"
        case authorEmail = "author_email"
        case authorURL = "author_url"
        case body
        case authorIP = "author_ip"
        case userAgent = "user_agent"
    }
}

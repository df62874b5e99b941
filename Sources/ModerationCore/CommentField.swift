/// The fields of a submitted comment that a reason can point at. Raw values are the column and JSON names.
public enum CommentField: String, Codable, Sendable, CaseIterable {
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

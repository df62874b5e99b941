/// Who `author` commands are about: an email address (lower-case, trimmed; compared case-insensitively)
/// or an IP address or network (canonical `inet` text).
public enum AuthorKey: Sendable, Hashable, Codable {
    case email(String)
    case network(String)
}

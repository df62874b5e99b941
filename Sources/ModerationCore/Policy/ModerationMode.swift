/// When a comment that passes every rule is published.
public enum ModerationMode: String, Codable, Sendable, CaseIterable {
    /// Publish what passes (post-moderation): WordPress's default.
    case post
    /// Hold everything that passes for a moderator (pre-moderation).
    case pre
}

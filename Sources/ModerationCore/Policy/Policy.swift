/// A site's moderation settings. The worker keeps one per site as JSON (`sites.policy`, default `{}`):
/// a missing key takes its default, so `{}` is `Policy.default`. Unknown keys and wrong values are
/// errors naming the key (see `Policy.fromJSON`). `Policy.keys` documents every key.
///
/// The defaults follow WordPress where it has one: post-moderation, first-time commenters held,
/// 15 s flood interval (refused), duplicates refused, 2 links, and its column limits.
public struct Policy: Sendable, Hashable {
    /// `moderation_mode`: publish what passes (`post`) or hold it (`pre`).
    public var moderationMode: ModerationMode = .post
    /// `hold_first_time_commenters`: hold a comment whose author has no approved comment yet.
    public var holdFirstTimeCommenters = true
    /// `flood_interval_seconds`: the shortest gap between two comments from one IP or email; 0 is off.
    public var floodIntervalSeconds = 15
    /// The most `flood_interval_seconds` accepts: a day. The worker's flood facts look back this far.
    public static let longestFloodIntervalSeconds = 86_400
    /// `flood_action`: what a comment inside the flood interval gets.
    public var floodAction: FloodAction = .reject
    /// `reject_duplicates`: refuse a comment identical to one already on the post.
    public var rejectDuplicates = true
    /// `max_links`: a comment with this many links or more is held; 0 is off.
    public var maxLinks = 2
    /// `link_allow_domains`: link hosts never counted against `max_links`.
    public var linkAllowDomains: [String] = []
    /// `link_deny_domains`: link hosts that mark a comment as spam.
    public var linkDenyDomains: [String] = []
    /// `capitals_ratio`: the share of capital letters from which a body counts as shouting.
    public var capitalsRatio = 0.7
    /// `capitals_min_letters`: bodies with fewer letters are never judged on capitals.
    public var capitalsMinLetters = 20
    /// `repeated_character_run`: a character repeated this many times in a row is flagged; 0 is off.
    public var repeatedCharacterRun = 10
    /// `max_name_length`: the longest author name, in Unicode scalars.
    public var maxNameLength = FieldLimits.wordPress.maxNameLength
    /// `max_email_length`: the longest author email, in Unicode scalars.
    public var maxEmailLength = FieldLimits.wordPress.maxEmailLength
    /// `max_url_length`: the longest website URL, in Unicode scalars.
    public var maxURLLength = FieldLimits.wordPress.maxURLLength
    /// `max_body_bytes`: the longest body, in UTF-8 bytes.
    public var maxBodyBytes = FieldLimits.wordPress.maxBodyBytes
    /// `min_body_length`: the shortest body, in Unicode scalars after trimming.
    public var minBodyLength = FieldLimits.wordPress.minBodyLength

    /// Every setting at its default.
    public init() {}

    /// Every setting at its default: what `{}` reads as.
    public static let `default` = Policy()
}

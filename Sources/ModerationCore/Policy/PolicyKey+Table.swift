extension PolicyKey {
    /// Every key, in documentation and serialization order. A key is listed here only when a rule uses it.
    static let all: [PolicyKey] = [
        .choice(
            "moderation_mode", \.moderationMode,
            meaning: "post: publish every comment that passes the rules; pre: hold every comment that passes "
                + "for a moderator (reason pre_moderation)."),
        .boolean(
            "hold_first_time_commenters", \.holdFirstTimeCommenters,
            meaning: "Hold a comment whose author has no approved comment yet, as WordPress's "
                + "comment_previously_approved does (reason first_time_commenter)."),
        .integer(
            "flood_interval_seconds", \.floodIntervalSeconds, .upTo(Policy.longestFloodIntervalSeconds),
            meaning: "A comment less than this many seconds after the previous one from the same IP address or "
                + "email is flooding (reason flood); 0 turns the check off."),
        .choice(
            "flood_action", \.floodAction,
            meaning: "What a flooding comment gets: reject, as WordPress refuses it, or hold for a moderator."),
        .boolean(
            "reject_duplicates", \.rejectDuplicates,
            meaning: "Reject a comment identical to one already on the post (duplicate_comment), as WordPress does."),
        .integer(
            "max_links", \.maxLinks, .nonNegative,
            meaning: "A comment with this many links or more is held, as WordPress's comment_max_links; "
                + "0 turns the check off."),
        .hosts(
            "link_allow_domains", \.linkAllowDomains,
            meaning: "Hosts (and their subdomains) whose links are trusted: they do not count towards max_links."),
        .hosts(
            "link_deny_domains", \.linkDenyDomains,
            meaning: "Hosts (and their subdomains) that a comment must not link to."),
        .ratio(
            "capitals_ratio", \.capitalsRatio,
            meaning: "A body whose letters are at least this share capitals is flagged as shouting (mostly_capitals, an annotation)."),
        .integer(
            "capitals_min_letters", \.capitalsMinLetters, .positive,
            meaning: "Bodies with fewer letters than this are never judged by capitals_ratio (\"OK\", \"LOL\")."),
        .integer(
            "repeated_character_run", \.repeatedCharacterRun, .offOrAtLeast(2),
            meaning: "A character repeated this many times in a row (\"!!!!!!!!!!\") is flagged; 0 turns it off."),
        .integer(
            "max_name_length", \.maxNameLength, .positive,
            meaning: "Longest author name, in Unicode code points (WordPress: 245); longer is rejected (too_long)."),
        .integer(
            "max_email_length", \.maxEmailLength, .positive,
            meaning: "Longest author email, in Unicode code points (WordPress: 100); longer is rejected."),
        .integer(
            "max_url_length", \.maxURLLength, .positive,
            meaning: "Longest website URL, in Unicode code points (WordPress: 200); longer is rejected."),
        .integer(
            "max_body_bytes", \.maxBodyBytes, .positive,
            meaning: "Longest comment body, in UTF-8 bytes (WordPress: 65525); longer is rejected."),
        .integer(
            "min_body_length", \.minBodyLength, .positive,
            meaning: "Shortest comment body, in Unicode code points after trimming; shorter is rejected (too_short)."),
    ]

    /// The known key an unknown one most likely misspells, if any is close enough to suggest.
    static func closest(to name: String) -> String? {
        guard name.count <= 64 else { return nil }
        let candidate = Array(name.lowercased())
        let scored = all.map { key in (key.name, editDistance(candidate, Array(key.name))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, best.0.count / 4) else { return nil }
        return best.0
    }

    /// Levenshtein distance: insertions, deletions and substitutions each cost 1.
    private static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(Swift.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}

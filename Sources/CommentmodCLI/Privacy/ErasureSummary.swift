import ModerationStore

/// What an erasure changes, in words: before asking (`done` false) and after.
enum ErasureSummary {
    static func lines(_ counts: ErasureCounts, of person: PersonEmail, deleteComments: Bool, done: Bool) -> [String] {
        var lines = [done ? "Erased the personal data of \(person.shown):" : "This erases the personal data of \(person.shown):"]
        func add(_ text: String) { lines.append("  " + text) }
        if counts.comments > 0 {
            var text = "\(plural(counts.comments, "comment")): name set to Anonymous; email, website, IP address, "
                + "user agent and referrer removed; "
            text += deleteComments ? "text deleted (rows kept as tombstones)" : "text kept, mentions redacted"
            if counts.withdrawn > 0 { text += "; \(counts.withdrawn) withdrawn from publication" }
            add(text)
        }
        if counts.ipAddresses > 0 {
            var text = "\(plural(counts.ipAddresses, "IP address")) redacted wherever mentioned"
            if counts.sharedIpComments > 0 {
                text += counts.sharedIpComments == 1
                    ? "; 1 comment by someone else shares one and keeps it"
                    : "; \(counts.sharedIpComments) comments by other people share one and keep it"
            }
            add(text)
        }
        if counts.blocksRemoved > 0 { add("\(plural(counts.blocksRemoved, "block")) on the address or those IP addresses removed") }
        if counts.wordRulesRemoved > 0 { add("\(plural(counts.wordRulesRemoved, "word rule")) naming them removed") }
        if counts.mentioningComments > 0 {
            add("\(plural(counts.mentioningComments, "comment")) by other people mentioning them: mentions redacted")
        }
        let logged = counts.eventsRedacted + counts.actionsRedacted
        if logged > 0 { add("\(plural(logged, "logged event or action", "logged events and actions")) redacted") }
        if counts.otherRedactions > 0 { add("\(plural(counts.otherRedactions, "other row")) redacted") }
        return lines
    }

    private static func plural(_ count: Int, _ singular: String, _ pluralForm: String? = nil) -> String {
        "\(count) " + (count == 1 ? singular : pluralForm ?? singular + (singular.hasSuffix("s") ? "es" : "s"))
    }
}

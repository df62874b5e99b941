/// One match of a word-list entry in a text.
public struct WordHit: Sendable, Hashable {
    /// The entry that matched (never an `allow` entry).
    public let entry: WordListEntry
    /// The matched span of the original text, as written ("V.i.a.g.r.a", "раураl").
    public let matched: String
    /// Where `matched` is in the text that was searched.
    public let range: Range<String.Index>?

    public init(entry: WordListEntry, matched: String, range: Range<String.Index>?) {
        self.entry = entry
        self.matched = matched
        self.range = range
    }
}

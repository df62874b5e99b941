/// Signals in a comment's text that are not words or links: shouting, repeated characters, HTML, script
/// and mixed-script spoofing.
public enum ContentSignals {
    /// A signal that fires many times (a hundred spoofed words) is reported at most this often, so a
    /// verdict stays readable.
    static let maximumReasonsPerSignal = 10

    /// Reasons with codes `mostly_capitals` (action approve: annotate only), `repeated_characters`
    /// (approve/annotate), `html_markup` (annotate: plain tags like <b>), `script_content` (action spam),
    /// `mixed_script` (action hold, match = the word). All are checked on the body; for any other field
    /// (such as `author_name`) only `mixed_script` is.
    public static func reasons(for text: String, field: CommentField, policy: ContentSignalPolicy) -> [Reason] {
        guard field == .body else { return mixedScriptReasons(text, field: field) }
        var bytes = text
        var reasons: [Reason] = []
        bytes.withUTF8 {
            var scan = BodyScan($0, runMinimum: policy.repeatedCharacterRun)
            addBodyReasons(text, scan: &scan, policy: policy, to: &reasons)
        }
        return reasons
    }

    /// Appends the reasons of the body `text`, whose ``BodyScan`` is `scan`, to `reasons`. The scan is
    /// taken in place: a copy of its marks costs more than most signals.
    static func addBodyReasons(_ text: String, scan: inout BodyScan, policy: ContentSignalPolicy, to reasons: inout [Reason]) {
        // Most signals find nothing: an empty array is not appended, which would cost as much as finding it.
        func add(_ found: [Reason]) {
            if !found.isEmpty { reasons += found }
        }
        if let capitals = capitalsReason(capitals: scan.capitals, lowercase: scan.lowercase, policy: policy) {
            reasons.append(capitals)
        }
        addRepeatedCharacterReasons(
            text, policy: policy, singleScalars: scan.simpleCharacters, candidates: scan.runCandidates, to: &reasons)
        let (present, schemeColon, handlerEquals) = (scan.scriptMarkers, scan.schemeColon, scan.handlerEquals)
        add(scan.withEscapeMarks(count: text.utf8.count) { escapes in
            markupReasons(text, present: present, schemeColon: schemeColon, handlerEquals: handlerEquals, escapes: escapes)
        })
        guard scan.hasNonASCIIWordCharacter else { return }
        let words = scan.nonASCIIWords
        add(scan.withWordMarks(count: text.utf8.count) { marks in
            mixedScriptReasons(text, field: .body, nonASCIIWords: words, wordMarks: marks)
        })
    }
}

extension ContentSignals {
    /// `html_markup` for the first HTML tag or comment in the body (the renderer shows it as text, so this
    /// only annotates), then `script_content` for each kind of active content found by ``ScriptContent``.
    /// - Parameters:
    ///   - present: ``ScriptContent/Markers/present`` of the text, when already known.
    ///   - schemeColon: whether some `:` of the text may end a scheme, when already known (see
    ///     ``BodyScan/schemeColon``).
    ///   - handlerEquals: the same for an `=` ending an event handler (``BodyScan/handlerEquals``).
    ///   - escapes: where `&` and `%` stand in the text's first bytes, when known (``BodyScan/escapes``).
    static func markupReasons(
        _ text: String, present: UInt64? = nil, schemeColon: Bool? = nil, handlerEquals: Bool? = nil,
        escapes: BodyScan.LeadMarks.View = .none
    ) -> [Reason] {
        var text = text
        return text.withUTF8 { bytes in
            let present = present ?? ScriptContent.Markers(bytes).present
            var reasons: [Reason] = []
            // A tag starts with `<`: without one, the search for it would read the whole body for nothing.
            if present & 1 << UInt64(UInt8(ascii: "<")) != 0, let tag = firstTag(in: bytes) {
                reasons.append(Reason(
                    code: "html_markup", field: .body, match: tag, action: .approve,
                    message: ReasonMessage.joined("The comment contains HTML markup (", tag, "), which is published as plain text.")
                ))
            }
            for found in ScriptContent.findings(
                in: bytes, present: present, schemeColon: schemeColon, handlerEquals: handlerEquals, escapes: escapes
            ).prefix(maximumReasonsPerSignal) {
                reasons.append(Reason(
                    code: "script_content", field: .body, match: found, action: .spam,
                    message: ReasonMessage.joined("The comment carries script content (", found, ") meant to run in a reader's browser.")
                ))
            }
            return reasons
        }
    }

    /// The first tag as written (cut at 64 bytes): `<` and an optional `/`, a letter, then a name that
    /// ends in whitespace, `/` or `>`, closed by a `>` before the next `<`; or an HTML comment `<!--`.
    /// "a<b" or "I <3 you" are not tags.
    private static func firstTag(in bytes: LinkSyntax.Bytes) -> String? {
        var index = 0
        while case let open = BlockScan.firstIndex(of: UInt8(ascii: "<"), or: UInt8(ascii: "<"), in: bytes, index..<bytes.count),
            open < bytes.count
        {
            index = open + 1
            if LinkSyntax.matchesIgnoringCase(bytes, at: index, "!--") { return "<!--" }
            var cursor = index
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "/") { cursor += 1 }
            guard cursor < bytes.count, LinkSyntax.isASCIIAlphanumeric(bytes[cursor]), bytes[cursor] > 0x39 else { continue }
            while cursor < bytes.count, LinkSyntax.isASCIIAlphanumeric(bytes[cursor]) || bytes[cursor] == UInt8(ascii: "-") {
                cursor += 1
            }
            guard cursor < bytes.count else { return nil }
            let next = bytes[cursor]
            guard next <= 0x20 || next == UInt8(ascii: "/") || next == UInt8(ascii: ">") else { continue }
            guard let close = (cursor..<bytes.count).first(where: { bytes[$0] == UInt8(ascii: ">") || bytes[$0] == UInt8(ascii: "<") }),
                bytes[close] == UInt8(ascii: ">")
            else { continue }
            return LinkScanner.string(bytes, open..<min(close + 1, open + 64))
        }
        return nil
    }
}

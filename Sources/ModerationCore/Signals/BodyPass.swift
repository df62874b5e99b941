/// The body's link and content-signal reasons from one scan of its bytes (``BodyScan``): what the scan
/// learns (which non-ASCII characters cannot be part of a host name, every character is one scalar, which
/// markup markers occur) lets both phases step over what cannot matter to them.
enum BodyPass {
    /// Appends ``LinkScanner/reasons(for:policy:)`` and then ``ContentSignals/reasons(for:field:policy:)``
    /// of `body` to `reasons`, as the judge reports them.
    static func addReasons(
        for body: String, links: LinkPolicy, signals: ContentSignalPolicy, to reasons: inout [Reason]
    ) {
        var bytes = body
        bytes.withUTF8 { bytes in
            var scan = BodyScan(bytes, runMinimum: signals.repeatedCharacterRun)
            addReasons(for: body, bytes: bytes, scan: &scan, links: links, signals: signals, to: &reasons)
        }
    }

    /// The same, with `body`'s UTF-8 `bytes` and their scan, made with `signals.repeatedCharacterRun`, at
    /// hand (the judge scans the body before validating it).
    static func addReasons(
        for body: String, bytes: LinkSyntax.Bytes, scan: inout BodyScan, links: LinkPolicy, signals: ContentSignalPolicy,
        to reasons: inout [Reason]
    ) {
        scan.withNameCharacters(count: bytes.count) { names in
            LinkScanner.addReasons(in: bytes, policy: links, names: names, to: &reasons)
        }
        ContentSignals.addBodyReasons(body, scan: &scan, policy: signals, to: &reasons)
    }
}

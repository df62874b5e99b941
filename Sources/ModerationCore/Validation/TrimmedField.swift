/// A field's value as validation reads it: trimmed of leading and trailing Unicode white space, with
/// whether it is blank and the first control character it may not hold, all found in one visit to its
/// UTF-8. The trimmed text becomes a `String` only when asked for (an email or website checked further):
/// a body is only measured, and copying a kilobyte to drop a trailing space costs more than reading it.
/// The field's string is not kept (the caller has it): a value of plain numbers costs nothing to copy or
/// drop.
struct TrimmedField {
    /// The trimmed value's UTF-8 offsets in the field.
    private let bytes: Range<Int>
    /// Empty once white space and default-ignorable characters are left out.
    let isBlank: Bool
    /// The first control character the field may not hold (see `refusedControlCharacter`); nil when it is
    /// blank.
    let refusedControl: Unicode.Scalar?

    /// - Parameters:
    ///   - multiline: whether line feeds and CRLFs are allowed (the body).
    ///   - searchingControls: false when `raw` is known to hold no control character it may not (the
    ///     body scan tells so of a body): then it is not searched for one.
    @inline(__always)
    init(_ raw: String, multiline: Bool, searchingControls: Bool = true) {
        (bytes, isBlank, refusedControl) = Self.withUTF8(of: raw) { utf8 in
            // Ids, names, addresses and websites are nearly always printable ASCII: nothing to trim, not
            // blank, no control character, all told by one pass eight bytes at a time.
            if !multiline, FieldValidator.isPrintableASCIILine(utf8) { return (0..<utf8.count, false, nil) }
            guard let range = FieldValidator.trimmedRange(utf8) else { return (0..<0, true, nil) }
            let value = UnsafeBufferPointer(rebasing: utf8[range])
            // A trimmed value starts with no white space: when that is an ASCII character, it is not blank.
            if value[0] >= 0x80, FieldValidator.isBlank(value) { return (range, true, nil) }
            guard searchingControls else { return (range, false, nil) }
            return (range, false, FieldValidator.refusedControlCharacter(in: value, multiline: multiline))
        }
    }

    /// A missing value.
    static let blank = TrimmedField(bytes: 0..<0, isBlank: true, refusedControl: nil)

    private init(bytes: Range<Int>, isBlank: Bool, refusedControl: Unicode.Scalar?) {
        (self.bytes, self.isBlank, self.refusedControl) = (bytes, isBlank, refusedControl)
    }

    /// The trimmed value's length in UTF-8 bytes.
    var byteCount: Int { bytes.count }

    /// The trimmed value's length in Unicode scalars; `raw` is the field this was made from (taken as
    /// the optional field itself, so that no string is copied to pass it).
    func scalarCount(of raw: String?) -> Int {
        guard let raw else { return 0 }
        return Self.withUTF8(of: raw) { FieldValidator.scalarCount(UnsafeBufferPointer(rebasing: $0[bytes])) }
    }

    /// The trimmed value of `raw`, the field this was made from; `raw` itself when there was nothing to
    /// trim.
    @inline(__always)
    func string(of raw: String?) -> String {
        guard let raw else { return "" }
        guard bytes.count != raw.utf8.count else { return raw }
        // The range lies on scalar boundaries of valid UTF-8, so decoding repairs nothing.
        return Self.withUTF8(of: raw) { String(decoding: UnsafeBufferPointer(rebasing: $0[bytes]), as: UTF8.self) }
    }

    /// Runs `body` on `text`'s UTF-8, in place when the string has it contiguous (native strings always do).
    private static func withUTF8<Result>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = text
        return copy.withUTF8(body)
    }
}

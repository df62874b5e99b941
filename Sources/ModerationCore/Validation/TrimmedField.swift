/// A field's value as validation reads it: trimmed of leading and trailing Unicode white space, with
/// whether it is blank and the first control character it may not hold, all found in one visit to its
/// UTF-8. The trimmed text becomes a `String` only when asked for (an email or website checked further):
/// a body is only measured, and copying a kilobyte to drop a trailing space costs more than reading it.
struct TrimmedField {
    private let raw: String
    /// The trimmed value's UTF-8 offsets in `raw`.
    private let bytes: Range<Int>
    /// Empty once white space and default-ignorable characters are left out.
    let isBlank: Bool
    /// The first control character the field may not hold (see `refusedControlCharacter`); nil when it is
    /// blank.
    let refusedControl: Unicode.Scalar?

    /// - Parameter multiline: whether line feeds and CRLFs are allowed (the body).
    init(_ raw: String, multiline: Bool) {
        var text = raw
        (bytes, isBlank, refusedControl) = text.withUTF8 { utf8 in
            guard let range = FieldValidator.trimmedRange(utf8) else { return (0..<0, true, nil) }
            let value = UnsafeBufferPointer(rebasing: utf8[range])
            // A trimmed value starts with no white space: when that is an ASCII character, it is not blank.
            if value[0] >= 0x80, FieldValidator.isBlank(value) { return (range, true, nil) }
            return (range, false, FieldValidator.refusedControlCharacter(in: value, multiline: multiline))
        }
        self.raw = text
    }

    /// The trimmed value's length in UTF-8 bytes.
    var byteCount: Int { bytes.count }

    /// The trimmed value's length in Unicode scalars.
    var scalarCount: Int {
        var text = raw
        return text.withUTF8 { FieldValidator.scalarCount(UnsafeBufferPointer(rebasing: $0[bytes])) }
    }

    /// The trimmed value; the field as given when there was nothing to trim.
    var string: String {
        guard bytes.count != raw.utf8.count else { return raw }
        var text = raw
        // The range lies on scalar boundaries of valid UTF-8, so decoding repairs nothing.
        return text.withUTF8 { String(decoding: UnsafeBufferPointer(rebasing: $0[bytes]), as: UTF8.self) }
    }
}

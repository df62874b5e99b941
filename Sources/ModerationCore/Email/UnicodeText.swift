import UnicodeSupport

/// Unicode algorithms over code-point arrays, through the ICU shim. ASCII input, which all of these leave
/// unchanged, never reaches ICU.
enum UnicodeText {
    /// Raised when ICU itself fails (out of memory or missing data): the address cannot be judged.
    struct Failure: Error {}

    static func utf8(_ text: some Collection<Unicode.Scalar>) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count)
        for scalar in text { bytes.append(contentsOf: scalar.utf8) }
        return bytes
    }

    static func scalars(_ bytes: [UInt8]) -> [Unicode.Scalar] {
        Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
    }

    static func string(_ text: some Sequence<Unicode.Scalar>) -> String {
        var result = String()
        result.unicodeScalars.append(contentsOf: text)
        return result
    }

    static func isASCII(_ text: some Sequence<Unicode.Scalar>) -> Bool {
        text.allSatisfy(\.isASCII)
    }

    /// Unicode Normalization Form C.
    static func nfc(_ text: [Unicode.Scalar]) throws(Failure) -> [Unicode.Scalar] {
        if isASCII(text) { return text }
        return scalars(try transform(utf8(text), cm_nfc))
    }

    static func isNFC(_ text: [Unicode.Scalar]) throws(Failure) -> Bool {
        if isASCII(text) { return true }
        let bytes = utf8(text)
        let result = bytes.withUnsafeBufferPointer { input in
            input.withMemoryRebound(to: CChar.self) { cm_is_nfc($0.baseAddress, Int32($0.count)) }
        }
        if result < 0 { throw Failure() }
        return result == 1
    }

    /// Whether NFC changes the first code point of `window` (it composes with what follows, or moves).
    static func nfcChangesFirst(_ window: ArraySlice<Unicode.Scalar>) throws(Failure) -> Bool {
        let bytes = utf8(window)
        let result = bytes.withUnsafeBufferPointer { input in
            input.withMemoryRebound(to: CChar.self) { cm_nfc_changes_first($0.baseAddress, Int32($0.count)) }
        }
        if result < 0 { throw Failure() }
        return result == 1
    }

    /// UTS #46 mapping (no STD3 rules, nontransitional) followed by NFC; disallowed code points become U+FFFD.
    static func uts46Map(_ text: [Unicode.Scalar]) throws(Failure) -> [Unicode.Scalar] {
        scalars(try transform(utf8(text), cm_uts46_map))
    }

    /// The index of the first code point UTS #46 disallows, if any.
    static func uts46FirstDisallowed(_ text: [Unicode.Scalar]) throws(Failure) -> Int? {
        let bytes = utf8(text)
        let result = bytes.withUnsafeBufferPointer { input in
            input.withMemoryRebound(to: CChar.self) { cm_uts46_first_disallowed($0.baseAddress, Int32($0.count)) }
        }
        if result < -1 { throw Failure() }
        return result == -1 ? nil : Int(result)
    }

    /// The character's Unicode name, if it has one (Python's `unicodedata.name`).
    static func name(_ scalar: Unicode.Scalar) -> String? {
        var buffer = [UInt8](repeating: 0, count: 128)
        let length = buffer.withUnsafeMutableBufferPointer { out in
            out.withMemoryRebound(to: CChar.self) { cm_char_name(scalar.value, $0.baseAddress, Int32($0.count)) }
        }
        guard length > 0, Int(length) <= buffer.count else { return nil }
        return String(decoding: buffer[..<Int(length)], as: UTF8.self)
    }

    /// Runs a shim function that writes UTF-8, growing the output buffer until the result fits.
    private static func transform(
        _ input: [UInt8],
        _ function: (UnsafePointer<CChar>?, Int32, UnsafeMutablePointer<CChar>?, Int32) -> Int32
    ) throws(Failure) -> [UInt8] {
        var capacity = input.count * 3 + 16
        while true {
            var output = [UInt8](repeating: 0, count: capacity)
            let needed = input.withUnsafeBufferPointer { inputBytes in
                inputBytes.withMemoryRebound(to: CChar.self) { source in
                    output.withUnsafeMutableBufferPointer { outputBytes in
                        outputBytes.withMemoryRebound(to: CChar.self) { target in
                            function(source.baseAddress, Int32(source.count), target.baseAddress, Int32(target.count))
                        }
                    }
                }
            }
            if needed < 0 { throw Failure() }
            if Int(needed) <= capacity {
                output.removeSubrange(Int(needed)...)
                return output
            }
            capacity = Int(needed)
        }
    }
}

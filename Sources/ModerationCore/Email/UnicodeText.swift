import UnicodeSupport

/// Unicode algorithms over code-point arrays, through the ICU shim. ASCII input, which all of these leave
/// unchanged, never reaches ICU. Text crosses to C as UTF-8 in temporary (usually stack) buffers.
enum UnicodeText {
    /// Raised when ICU itself fails (out of memory or missing data): the address cannot be judged.
    struct Failure: Error {}

    static func string(_ text: some Collection<Unicode.Scalar>) -> String {
        let octets = text.reduce(0) { $0 + $1.utf8.count }
        return String(unsafeUninitializedCapacity: octets) { buffer in
            var index = 0
            for scalar in text {
                for byte in scalar.utf8 {
                    buffer[index] = byte
                    index += 1
                }
            }
            return index
        }
    }

    static func isASCII(_ text: some Sequence<Unicode.Scalar>) -> Bool {
        text.allSatisfy { $0.isASCII }
    }

    /// Unicode Normalization Form C.
    static func nfc(_ text: [Unicode.Scalar]) throws(Failure) -> [Unicode.Scalar] {
        if isASCII(text) { return text }
        return try transform(text, cm_nfc)
    }

    static func isNFC(_ text: [Unicode.Scalar]) throws(Failure) -> Bool {
        // Nothing below U+0300 decomposes, combines or reorders.
        if text.allSatisfy({ $0.value < 0x300 }) { return true }
        let result = withUTF8(text) { cm_is_nfc($0, $1) }
        if result < 0 { throw Failure() }
        return result == 1
    }

    /// Whether NFC changes the first code point of `window` (it composes with what follows, or moves).
    static func nfcChangesFirst(_ window: ArraySlice<Unicode.Scalar>) throws(Failure) -> Bool {
        let result = withUTF8(window) { cm_nfc_changes_first($0, $1) }
        if result < 0 { throw Failure() }
        return result == 1
    }

    /// UTS #46 mapping (no STD3 rules, nontransitional) followed by NFC; disallowed code points become U+FFFD.
    static func uts46Map(_ text: [Unicode.Scalar]) throws(Failure) -> [Unicode.Scalar] {
        try transform(text, cm_uts46_map)
    }

    /// The index of the first code point UTS #46 disallows, if any.
    static func uts46FirstDisallowed(_ text: [Unicode.Scalar]) throws(Failure) -> Int? {
        let result = withUTF8(text) { cm_uts46_first_disallowed($0, $1) }
        if result < -1 { throw Failure() }
        return result == -1 ? nil : Int(result)
    }

    /// The character's Unicode name, if it has one (Python's `unicodedata.name`).
    static func name(_ scalar: Unicode.Scalar) -> String? {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 128) { buffer in
            let length = cm_char_name(scalar.value, buffer.baseAddress, Int32(buffer.count))
            guard length > 0, Int(length) <= buffer.count else { return nil }
            return String(decoding: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[..<Int(length)]), as: UTF8.self)
        }
    }

    /// Runs `body` on the UTF-8 form of `text`.
    private static func withUTF8<Result>(
        _ text: some Collection<Unicode.Scalar>, _ body: (UnsafePointer<CChar>?, Int32) -> Result
    ) -> Result {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: text.count * 4 + 1) { buffer in
            var count = 0
            for scalar in text {
                for byte in scalar.utf8 {
                    buffer[count] = CChar(bitPattern: byte)
                    count += 1
                }
            }
            return body(buffer.baseAddress, Int32(count))
        }
    }

    /// Runs a shim function that writes UTF-8, growing the output buffer until the result fits.
    private static func transform(
        _ text: [Unicode.Scalar],
        _ function: (UnsafePointer<CChar>?, Int32, UnsafeMutablePointer<CChar>?, Int32) -> Int32
    ) throws(Failure) -> [Unicode.Scalar] {
        var capacity = text.count * 12 + 16
        while true {
            let outcome: Result<[Unicode.Scalar], Failure>? = withUTF8(text) { source, length in
                withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) { target in
                    let needed = function(source, length, target.baseAddress, Int32(target.count))
                    if needed < 0 { return .failure(Failure()) }
                    if Int(needed) > capacity {
                        capacity = Int(needed)
                        return nil
                    }
                    let bytes = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(target)[..<Int(needed)])
                    return .success(decode(bytes))
                }
            }
            if let outcome { return try outcome.get() }
        }
    }

    private static func decode(_ bytes: UnsafeRawBufferPointer) -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(bytes.count)
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while case .scalarValue(let scalar) = decoder.decode(&iterator) {
            scalars.append(scalar)
        }
        return scalars
    }
}

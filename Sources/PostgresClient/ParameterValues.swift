#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A statement's parameters as libpq's `PQsendQueryParams`/`PQsendQueryPrepared` take them: C copies of the
/// values that stay valid as long as this object lives, with their lengths and formats (text or binary).
/// NULL parameters stay NULL pointers.
final class ParameterValues {
    let pointers: [UnsafePointer<CChar>?]
    /// Byte lengths and formats (1 = binary), or nil when every value is text (libpq then reads C strings).
    let lengths: [Int32]?
    let formats: [Int32]?

    var count: Int32 { Int32(pointers.count) }

    init(_ binds: EncodedBinds) {
        var pointers: [UnsafePointer<CChar>?] = []
        var lengths: [Int32] = []
        var formats: [Int32] = []
        var anyBinary = false
        pointers.reserveCapacity(binds.count)
        for value in binds.values {
            switch value {
            case .null:
                pointers.append(nil)
                lengths.append(0)
                formats.append(0)
            case .text(let text):
                pointers.append(UnsafePointer(strdup(text)))
                lengths.append(0)
                formats.append(0)
            case .binary(let bytes, _):
                // malloc(0) may return NULL, which libpq would read as SQL NULL: never allocate nothing.
                let copy = malloc(max(bytes.count, 1))!.assumingMemoryBound(to: CChar.self)
                bytes.withUnsafeBytes { raw in
                    if let base = raw.baseAddress { memcpy(copy, base, raw.count) }
                }
                pointers.append(UnsafePointer(copy))
                lengths.append(Int32(clamping: bytes.count))
                formats.append(1)
                anyBinary = true
            }
        }
        self.pointers = pointers
        self.lengths = anyBinary ? lengths : nil
        self.formats = anyBinary ? formats : nil
    }

    deinit {
        for pointer in pointers {
            free(UnsafeMutablePointer(mutating: pointer))
        }
    }

    /// Calls `body` with the C arrays libpq takes (values, lengths, formats; nil arrays mean all text).
    func withArrays<T>(
        _ body: (UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) -> T
    ) -> T {
        pointers.withUnsafeBufferPointer { values in
            guard let lengths, let formats else { return body(values.baseAddress, nil, nil) }
            return lengths.withUnsafeBufferPointer { lengths in
                formats.withUnsafeBufferPointer { formats in
                    body(values.baseAddress, lengths.baseAddress, formats.baseAddress)
                }
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension EncodedBinds {
    /// Calls `body` with the C arrays `PQsendQueryParams` and `PQsendQueryPrepared` take: the values, their
    /// byte lengths and their formats (1 = binary), the last two nil when every value is text (libpq then
    /// reads C strings). NULL parameters are NULL pointers.
    ///
    /// Binary values are passed where they are, not copied: libpq copies every parameter into its output
    /// buffer before the send call returns, so they need to live only for the call. A worker's batch write
    /// is mostly binary arrays of HTML, and a copy here was one more of the batch's HTML held at once.
    func withParameterArrays<T>(
        _ body: (UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) -> T
    ) -> T {
        let pointers = UnsafeMutableBufferPointer<UnsafePointer<CChar>?>.allocate(capacity: max(values.count, 1))
        pointers.initialize(repeating: nil)
        var texts: [UnsafeMutablePointer<CChar>] = []
        defer {
            for text in texts { free(text) }
            pointers.deallocate()
        }
        var lengths = [Int32](repeating: 0, count: values.count)
        var formats = [Int32](repeating: 0, count: values.count)
        var anyBinary = false
        for index in values.indices {
            switch values[index] {
            case .null:
                break
            case .text(let text):
                // NUL-free (checked when encoded), so the C string is the whole text.
                guard let copy = strdup(text) else { continue }
                texts.append(copy)
                pointers[index] = UnsafePointer(copy)
            case .binary(let bytes, _):
                lengths[index] = Int32(clamping: bytes.count)
                formats[index] = 1
                anyBinary = true
            }
        }
        return withBinaryValues(from: 0, in: pointers) {
            guard anyBinary else { return body(UnsafePointer(pointers.baseAddress), nil, nil) }
            return lengths.withUnsafeBufferPointer { lengths in
                formats.withUnsafeBufferPointer { formats in
                    body(UnsafePointer(pointers.baseAddress), lengths.baseAddress, formats.baseAddress)
                }
            }
        }
    }

    /// Points `pointers` at each binary value from `start` on, for as long as `body` runs: one nested
    /// access per binary value, since an array's bytes have an address only inside such an access.
    private func withBinaryValues<T>(
        from start: Int, in pointers: UnsafeMutableBufferPointer<UnsafePointer<CChar>?>, _ body: () -> T
    ) -> T {
        var index = start
        while index < values.count {
            if case .binary(let bytes, _) = values[index] {
                let next = index + 1
                return bytes.withUnsafeBytes { raw in
                    // A NULL pointer would mean SQL NULL to libpq; an empty buffer may have no address.
                    guard let base = raw.baseAddress, raw.count > 0 else {
                        return Self.withNonNullEmptyValue(at: next - 1, in: pointers) {
                            withBinaryValues(from: next, in: pointers, body)
                        }
                    }
                    pointers[next - 1] = base.assumingMemoryBound(to: CChar.self)
                    return withBinaryValues(from: next, in: pointers, body)
                }
            }
            index += 1
        }
        return body()
    }

    private static func withNonNullEmptyValue<T>(
        at index: Int, in pointers: UnsafeMutableBufferPointer<UnsafePointer<CChar>?>, _ body: () -> T
    ) -> T {
        var byte: CChar = 0
        return withUnsafePointer(to: &byte) { pointer in
            pointers[index] = pointer
            return body()
        }
    }
}

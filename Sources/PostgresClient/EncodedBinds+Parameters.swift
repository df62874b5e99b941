extension EncodedBinds {
    /// Calls `body` with the C arrays `PQsendQueryParams` and `PQsendQueryPrepared` take: the values, their
    /// byte lengths and their formats (1 = binary), the last two nil when every value is text (libpq then
    /// reads C strings). NULL parameters are NULL pointers.
    ///
    /// Every value is passed where it is, not copied: libpq copies each parameter into its output buffer
    /// before the send call returns, so they need to live only for the call. A worker's batch write is
    /// mostly binary arrays of HTML, and a copy here was one more of the batch's HTML held at once.
    func withParameterArrays<T>(
        _ body: (UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) -> T
    ) -> T {
        var pointers = [UnsafePointer<CChar>?](repeating: nil, count: values.count)
        var lengths = [Int32](repeating: 0, count: values.count)
        var formats = [Int32](repeating: 0, count: values.count)
        var anyBinary = false
        for index in values.indices {
            if case .binary(let bytes, _) = values[index] {
                lengths[index] = Int32(clamping: bytes.count)
                formats[index] = 1
                anyBinary = true
            }
        }
        return pointers.withUnsafeMutableBufferPointer { pointers in
            withValues(from: 0, in: pointers) {
                guard anyBinary else { return body(UnsafePointer(pointers.baseAddress), nil, nil) }
                return lengths.withUnsafeBufferPointer { lengths in
                    formats.withUnsafeBufferPointer { formats in
                        body(UnsafePointer(pointers.baseAddress), lengths.baseAddress, formats.baseAddress)
                    }
                }
            }
        }
    }

    /// Points `pointers` at each value from `start` on, for as long as `body` runs: one nested access per
    /// value, since a string's or an array's bytes have an address only inside such an access.
    private func withValues<T>(
        from start: Int, in pointers: UnsafeMutableBufferPointer<UnsafePointer<CChar>?>, _ body: () -> T
    ) -> T {
        guard start < values.count else { return body() }
        switch values[start] {
        case .null:
            return withValues(from: start + 1, in: pointers, body)
        case .text(let text):
            // NUL-free (checked when encoded), so the C string is the whole text.
            return text.withCString { pointer in
                pointers[start] = pointer
                return withValues(from: start + 1, in: pointers, body)
            }
        case .binary(let bytes, _):
            return bytes.withUnsafeBytes { raw in
                // A NULL pointer would mean SQL NULL to libpq, and an empty buffer may have no address.
                if let base = raw.baseAddress, raw.count > 0 {
                    pointers[start] = base.assumingMemoryBound(to: CChar.self)
                    return withValues(from: start + 1, in: pointers, body)
                }
                var nothing: CChar = 0
                return withUnsafePointer(to: &nothing) { pointer in
                    pointers[start] = pointer
                    return withValues(from: start + 1, in: pointers, body)
                }
            }
        }
    }
}

/// Messages of reasons made at their final size in one go. String interpolation grows its buffer and
/// appends piece by piece through the general `String.append`, which costs more than finding the reason
/// took; a message here is measured, allocated once and filled with its pieces' bytes.
enum ReasonMessage {
    /// The pieces one after the other.
    static func joined(_ first: String, _ second: String, _ third: String = "", _ fourth: String = "", _ fifth: String = "") -> String {
        let count = first.utf8.count + second.utf8.count + third.utf8.count + fourth.utf8.count + fifth.utf8.count
        return String(unsafeUninitializedCapacity: count) { buffer in
            // Offsets passed along rather than one captured and mutated, which would be checked for
            // exclusive access at run time on every piece.
            var offset = copy(first, into: buffer, at: 0)
            offset = copy(second, into: buffer, at: offset)
            offset = copy(third, into: buffer, at: offset)
            offset = copy(fourth, into: buffer, at: offset)
            return copy(fifth, into: buffer, at: offset)
        }
    }

    /// Copies the bytes of `piece` into `buffer` from `offset`; returns where they end.
    private static func copy(_ piece: String, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int {
        let copied = piece.utf8.withContiguousStorageIfAvailable { bytes in
            guard let source = bytes.baseAddress, let target = buffer.baseAddress else { return offset }
            (target + offset).update(from: source, count: bytes.count)
            return offset + bytes.count
        }
        if let copied { return copied }
        var end = offset
        for byte in piece.utf8 {
            buffer[end] = byte
            end += 1
        }
        return end
    }
}

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

    /// Copies `piece` into `buffer` from `offset`; returns where it ends.
    static func copy(_ piece: StaticString, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int {
        piece.withUTF8Buffer { copy($0, into: buffer, at: offset) }
    }

    /// Copies `bytes` into `buffer` from `offset`; returns where they end.
    static func copy(_ bytes: UnsafeBufferPointer<UInt8>, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int {
        guard let source = bytes.baseAddress, let target = buffer.baseAddress else { return offset }
        (target + offset).update(from: source, count: bytes.count)
        return offset + bytes.count
    }

    /// How many digits `number` (at least 0) has in decimal.
    static func decimalLength(_ number: Int) -> Int {
        var (length, rest) = (1, number)
        while rest >= 10 {
            rest /= 10
            length += 1
        }
        return length
    }

    /// Writes the decimal digits of `number` (at least 0) into `buffer` from `offset`, as `String(number)`
    /// spells them without making that string; returns where they end.
    static func writeDecimal(_ number: Int, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int {
        let end = offset + decimalLength(number)
        var (index, rest) = (end, number)
        repeat {
            index -= 1
            buffer[index] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        } while rest > 0
        return end
    }

    /// Copies the bytes of `piece` into `buffer` from `offset`; returns where they end.
    private static func copy(_ piece: String, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int {
        let copied = piece.utf8.withContiguousStorageIfAvailable { copy($0, into: buffer, at: offset) }
        if let copied { return copied }
        var end = offset
        for byte in piece.utf8 {
            buffer[end] = byte
            end += 1
        }
        return end
    }
}

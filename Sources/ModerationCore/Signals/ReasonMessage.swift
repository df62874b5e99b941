/// Messages of reasons made at their final size in one go. String interpolation grows its buffer and
/// appends piece by piece through the general `String.append`, which costs more than finding the reason
/// took; a message here is measured, allocated once and filled with its pieces' bytes.
enum ReasonMessage {
    /// The pieces one after the other.
    static func joined(_ first: String, _ second: String, _ third: String = "", _ fourth: String = "", _ fifth: String = "") -> String {
        var pieces = (first, second, third, fourth, fifth)
        let count = first.utf8.count + second.utf8.count + third.utf8.count + fourth.utf8.count + fifth.utf8.count
        return String(unsafeUninitializedCapacity: count) { buffer in
            var offset = 0
            func copy(_ piece: inout String) {
                piece.withUTF8 { bytes in
                    guard let source = bytes.baseAddress, let target = buffer.baseAddress else { return }
                    (target + offset).update(from: source, count: bytes.count)
                    offset += bytes.count
                }
            }
            copy(&pieces.0)
            copy(&pieces.1)
            copy(&pieces.2)
            copy(&pieces.3)
            copy(&pieces.4)
            return offset
        }
    }
}

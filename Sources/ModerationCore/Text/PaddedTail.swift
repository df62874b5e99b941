/// The last bytes of a text, fewer than 64, for the scans that classify 64 bytes at a time (ByteMasks):
/// those read exactly 64 bytes, so the tail is copied before zeros into a buffer of 64 on the stack. A
/// zero byte is no letter, marker, separator of interest or non-ASCII byte, and callers drop the bits
/// past the text where a zero could count.
enum PaddedTail {
    /// Calls `body` with 64 bytes: `bytes[start...]` (at most 64 of them) and zeros after it.
    @inline(__always)
    static func with<Result>(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, _ body: (UnsafePointer<UInt8>) -> Result
    ) -> Result {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer in
            buffer.initialize(repeating: 0)
            _ = buffer.update(fromContentsOf: UnsafeBufferPointer(rebasing: bytes[start..<min(bytes.count, start &+ 64)]))
            // A temporary allocation of 64 bytes always has a base address.
            return body(UnsafePointer(buffer.baseAddress.unsafelyUnwrapped))
        }
    }
}

import Foundation

/// Standard output as a byte buffer that `CheckStream` writes out with as few write(2) calls as it can.
struct CheckOutput {
    private let descriptor: Int32
    private(set) var bytes: [UInt8] = []

    init(descriptor: Int32) {
        self.descriptor = descriptor
        bytes.reserveCapacity(1 << 16)
    }

    /// Past this size the buffer is written out even mid-chunk, so memory stays bounded.
    var isLarge: Bool { bytes.count >= 1 << 18 }

    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func append(_ byte: UInt8) {
        bytes.append(byte)
    }

    mutating func append(contentsOf other: some Sequence<UInt8>) {
        bytes.append(contentsOf: other)
    }

    /// Writes everything buffered; a closed or failing stdout ends the command (exit 1).
    mutating func flush() throws {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                Foundation.write(descriptor, buffer.baseAddress.map { $0 + written }, buffer.count - written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw CommandFailure("cannot write standard output: \(String(cString: strerror(errno)))")
            }
            written += count
        }
        bytes.removeAll(keepingCapacity: true)
    }
}

import Synchronization

extension BodyScan {
    /// What the body scan notes about a non-ASCII scalar (``Kind``), by the scalar's UTF-8 bytes, kept for
    /// the life of the process: comments repeat the same few non-ASCII characters (U+FEFF ending pasted
    /// text, quotes, an emoji), across comments as within one, and one found here is neither decoded nor
    /// looked up again.
    ///
    /// One atomic word per slot, a slot chosen by the bytes: the bytes in the low 32 bits (never all zero,
    /// as a lead byte is at least 0xC0) and the kind above them, written whole, so that a reader sees an
    /// entry as one thread wrote it or not at all. Scalars whose bytes choose the same slot replace each
    /// other; threads that race write the same kind.
    final class KindCache: Sendable {
        static let shared = KindCache()

        private static let slotBits = 10

        nonisolated(unsafe) private let slots: UnsafeMutablePointer<Atomic<UInt64>>

        private init() {
            slots = .allocate(capacity: 1 << Self.slotBits)
            for index in 0..<1 << Self.slotBits { (slots + index).initialize(to: Atomic(0)) }
        }

        /// The kind of the scalar whose UTF-8 bytes are `key` (little-endian, zero past its length), when
        /// known.
        @inline(__always)
        func kind(of key: UInt64) -> Kind? {
            let entry = slot(key).pointee.load(ordering: .relaxed)
            guard entry & 0xFFFF_FFFF == key else { return nil }
            return Kind(rawValue: UInt8(truncatingIfNeeded: entry &>> 32))
        }

        /// Keeps `kind` for the scalar whose bytes are `key`.
        @inline(__always)
        func keep(_ kind: Kind, of key: UInt64) {
            slot(key).pointee.store(key | UInt64(kind.rawValue) &<< 32, ordering: .relaxed)
        }

        @inline(__always)
        private func slot(_ key: UInt64) -> UnsafeMutablePointer<Atomic<UInt64>> {
            // Multiplying mixes every byte of the key into the top bits.
            slots + Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) &>> UInt64(64 - Self.slotBits))
        }
    }
}

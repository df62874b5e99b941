/// The pieces of one text, in memory written once by segmentation and then only read.
///
/// Raw memory rather than an `Array`: appending to an array costs a uniqueness check and a copy per word,
/// which was a third of the matching time.
final class PieceStorage {
    private let base: UnsafeMutablePointer<TextPiece>
    let count: Int

    /// Takes ownership of `base`, which holds `count` initialized pieces.
    fileprivate init(base: UnsafeMutablePointer<TextPiece>, count: Int) {
        self.base = base
        self.count = count
    }

    deinit { base.deallocate() }

    var isEmpty: Bool { count == 0 }
    var indices: Range<Int> { 0..<count }

    subscript(index: Int) -> TextPiece {
        @inline(__always) get { base[index] }
    }

    /// Collects pieces, then hands them over as a `PieceStorage`.
    struct Writer {
        private var base: UnsafeMutablePointer<TextPiece>
        private var capacity: Int
        private(set) var count = 0

        init(capacity: Int) {
            self.capacity = max(capacity, 8)
            base = .allocate(capacity: self.capacity)
        }

        @inline(__always)
        mutating func append(_ piece: TextPiece) {
            if count == capacity { grow() }
            (base + count).initialize(to: piece)
            count += 1
        }

        /// The piece before the next one appended.
        @inline(__always)
        var last: TextPiece? { count > 0 ? base[count - 1] : nil }

        /// The storage of the pieces appended; the writer must not be used afterwards.
        consuming func finish() -> PieceStorage { PieceStorage(base: base, count: count) }

        private mutating func grow() {
            let larger = UnsafeMutablePointer<TextPiece>.allocate(capacity: capacity * 2)
            larger.moveInitialize(from: base, count: count)
            base.deallocate()
            base = larger
            capacity *= 2
        }
    }
}

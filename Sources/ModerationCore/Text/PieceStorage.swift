/// The pieces of one text, in a manually managed buffer: segmentation writes each piece in place (an
/// `Array` append costs a uniqueness check and a copy per word, a third of the matching time).
final class PieceStorage {
    // Unchecked: accessed per character in the hot loop, never concurrently (one matching call owns it).
    @exclusivity(unchecked) private var base: UnsafeMutablePointer<TextPiece>
    @exclusivity(unchecked) private var capacity: Int
    /// Pieces written; the slot at `count` is the open piece being built.
    @exclusivity(unchecked) private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 8)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    var isEmpty: Bool { count == 0 }
    var indices: Range<Int> { 0..<count }

    subscript(index: Int) -> TextPiece {
        @inline(__always) get { base[index] }
    }

    /// The slot after the last piece, where the next piece is built before `commit()`.
    @inline(__always)
    var open: UnsafeMutablePointer<TextPiece> { base + count }

    /// Starts building `piece` in the open slot.
    @inline(__always)
    func begin(_ piece: TextPiece) {
        if count == capacity { grow() }
        (base + count).initialize(to: piece)
    }

    /// Adds the open piece.
    @inline(__always)
    func commit() { count += 1 }

    private func grow() {
        let larger = UnsafeMutablePointer<TextPiece>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = larger
        capacity *= 2
    }
}

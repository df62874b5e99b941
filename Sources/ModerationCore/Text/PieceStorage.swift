/// The pieces of one text, in memory that segmentation writes once and matching then only reads; valid
/// inside `TextSegmentation.segment`'s body.
///
/// Raw memory rather than an `Array`: appending to an array costs a uniqueness check and a copy per word,
/// and allocating one per call costs as much as matching a short field.
struct PieceStorage {
    private let buffer: UnsafeMutableBufferPointer<TextPiece>
    private(set) var count = 0

    /// Pieces are written into `buffer`, which must have room for one piece per byte of the text.
    init(_ buffer: UnsafeMutableBufferPointer<TextPiece>) {
        self.buffer = buffer
    }

    var isEmpty: Bool { count == 0 }
    var indices: Range<Int> { 0..<count }

    subscript(index: Int) -> TextPiece {
        @inline(__always) get { buffer[index] }
    }

    /// The piece being built, after the last one added; valid between `begin` and `commit`. Written in
    /// place: building a piece in a variable and copying it in costs a stalled wide load per word.
    @inline(__always)
    var open: UnsafeMutablePointer<TextPiece> {
        // Never more pieces than bytes, and the buffer has one more element than the text has bytes.
        buffer.baseAddress.unsafelyUnwrapped + count
    }

    /// Starts building `piece` after the last one added.
    @inline(__always)
    func begin(_ piece: TextPiece) {
        guard count < buffer.count else { return }
        buffer.initializeElement(at: count, to: piece)
    }

    /// Adds the piece being built.
    @inline(__always)
    mutating func commit() {
        if count < buffer.count - 1 { count += 1 }
    }
}

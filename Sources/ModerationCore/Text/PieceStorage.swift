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

    /// Adds a piece; never more than one per byte of the text, so the buffer can't overflow.
    @inline(__always)
    mutating func append(_ piece: TextPiece) {
        guard count < buffer.count else { return }
        buffer.initializeElement(at: count, to: piece)
        count += 1
    }
}

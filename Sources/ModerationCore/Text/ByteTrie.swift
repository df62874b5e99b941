/// A trie over byte strings in double-array form (Aoe 1989): the children of node `s` live at
/// `base(s) + byte`, and a cell belongs to `s` when its parent field says so. One 64-bit load per
/// transition, whatever the number of keys, which is what keeps matching time independent of the list size.
///
/// Cell layout: low 32 bits `base`; bits 32–62 the parent node; bit 63 set when the node carries a value.
struct ByteTrie: Sendable {
    static let root: Int32 = 0
    static let parentMask: UInt64 = 0x7FFF_FFFF
    static let hasValueBit: UInt64 = 1 << 63
    /// Parent field of a free cell, and of the root (which has no parent).
    static let noParent: UInt64 = 0x7FFF_FFFF

    /// Always at least 256 cells past the largest base, so `base + byte` is always a valid index.
    private(set) var cells: [UInt64]
    private(set) var values: [Int32]

    /// An empty trie: the root only.
    init() {
        cells = Array(repeating: Self.noParent << 32, count: 257)
        values = Array(repeating: -1, count: 257)
    }

    init(cells: [UInt64], values: [Int32]) {
        self.cells = cells
        self.values = values
    }

    /// Runs `body` with a view that walks the trie without bounds checks or reference counting.
    func withView<Result>(_ body: (View) throws -> Result) rethrows -> Result {
        try cells.withUnsafeBufferPointer { cells in
            try values.withUnsafeBufferPointer { values in try body(View(cells: cells, values: values)) }
        }
    }

    /// The node reached from the root through `key`, or nil.
    func node(for key: some Sequence<UInt8>) -> Int32? {
        withView { view in
            var node = Self.root
            for byte in key {
                node = view.child(node, byte)
                if node < 0 { return nil }
            }
            return node
        }
    }

    struct View {
        let cells: UnsafeBufferPointer<UInt64>
        let values: UnsafeBufferPointer<Int32>

        /// A node's cell: its base, and whether it has a value.
        @inline(__always)
        func cell(_ node: Int32) -> UInt64 { cells[Int(node)] }

        /// The child of `node` (whose cell is `cell`) through `byte`, with the child's cell; one load.
        @inline(__always)
        func child(of node: Int32, cell: UInt64, _ byte: UInt8) -> (node: Int32, cell: UInt64)? {
            let index = Int(UInt32(truncatingIfNeeded: cell)) &+ Int(byte)
            let childCell = cells[index]
            guard (childCell >> 32) & ByteTrie.parentMask == UInt64(UInt32(bitPattern: node)) else { return nil }
            return (Int32(truncatingIfNeeded: index), childCell)
        }

        /// The value of a node whose cell has `hasValueBit` set.
        @inline(__always)
        func storedValue(_ node: Int32) -> Int32 { values[Int(node)] }

        /// The child of `node` through `byte`, or -1.
        @inline(__always)
        func child(_ node: Int32, _ byte: UInt8) -> Int32 {
            let index = Int(UInt32(truncatingIfNeeded: cells[Int(node)])) &+ Int(byte)
            return (cells[index] >> 32) & ByteTrie.parentMask == UInt64(node) ? Int32(index) : -1
        }

        /// The value stored at `node`, or -1.
        @inline(__always)
        func value(_ node: Int32) -> Int32 {
            guard cells[Int(node)] & ByteTrie.hasValueBit != 0 else { return -1 }
            return values[Int(node)]
        }
    }
}

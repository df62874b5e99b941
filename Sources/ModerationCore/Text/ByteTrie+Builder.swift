extension ByteTrie {
    /// Builds the trie of `keys` (sorted ascending, no duplicates) storing `values[i]` at the node of
    /// `keys[i]`. Nodes are placed depth-first so a word's path lies in nearby cells, each at the first base
    /// where all its children fit (the "darts" placement). Returns nil when the trie would need more than
    /// 2³¹ cells.
    init?(sortedKeys keys: [[UInt8]], values: [Int32]) {
        var builder = Builder()
        guard builder.build(keys: keys, values: values) else { return nil }
        builder.trim()
        self.init(cells: builder.cells, values: builder.values)
    }

    private struct Builder {
        var cells: [UInt64] = []
        var values: [Int32] = []
        /// Every cell from 256 to this one is taken: the search for a free base starts here. Cells below 256
        /// stay unused, so any free cell found can hold any label (`base = cell - label` is never negative).
        var firstFree = 256
        var highestUsed = 0

        mutating func build(keys: [[UInt8]], values keyValues: [Int32]) -> Bool {
            grow(to: 1024)
            cells[0] = ByteTrie.noParent << 32
            var stack: [(node: Int, keys: Range<Int>, depth: Int)] = [(0, 0..<keys.count, 0)]
            var labels: [UInt8] = []
            var ranges: [Range<Int>] = []
            while let (node, range, depth) = stack.popLast() {
                var first = range.lowerBound
                if first < range.upperBound, keys[first].count == depth {
                    cells[node] |= ByteTrie.hasValueBit
                    values[node] = keyValues[first]
                    first += 1
                }
                labels.removeAll(keepingCapacity: true)
                ranges.removeAll(keepingCapacity: true)
                var index = first
                while index < range.upperBound {
                    let label = keys[index][depth]
                    var end = index + 1
                    while end < range.upperBound, keys[end][depth] == label { end += 1 }
                    labels.append(label)
                    ranges.append(index..<end)
                    index = end
                }
                guard !labels.isEmpty else { continue }
                guard let base = findBase(for: labels) else { return false }
                cells[node] = cells[node] & ~0xFFFF_FFFF | UInt64(base)
                for label in labels {
                    let child = base + Int(label)
                    cells[child] = UInt64(node) << 32
                    highestUsed = max(highestUsed, child)
                }
                // Pushed in reverse so the smallest label is placed first: depth-first, in key order.
                for (label, childKeys) in zip(labels, ranges).reversed() {
                    stack.append((base + Int(label), childKeys, depth + 1))
                }
            }
            return true
        }

        /// The first base at which every label's cell is free. A word's single child takes the first free
        /// cell anywhere; a node with several children is placed no further back than `searchWindow` cells
        /// before the highest used one, abandoning older holes: without that bound every such node would scan
        /// the whole dense prefix and building would take quadratic time.
        mutating func findBase(for labels: [UInt8]) -> Int? {
            while firstFree < cells.count, !isFree(firstFree) { firstFree += 1 }
            var position = firstFree
            if labels.count > 1 { position = max(position, highestUsed - Self.searchWindow) }
            while true {
                guard position + 256 < Int(ByteTrie.parentMask) else { return nil }
                if position + 256 >= cells.count { grow(to: cells.count * 2) }
                if isFree(position) {
                    let base = position - Int(labels[0])
                    if labels.allSatisfy({ isFree(base + Int($0)) }) { return base }
                }
                position += 1
            }
        }

        static let searchWindow = 4096

        @inline(__always)
        func isFree(_ index: Int) -> Bool {
            (cells[index] >> 32) & ByteTrie.parentMask == ByteTrie.noParent && index != 0
        }

        mutating func grow(to count: Int) {
            cells.append(contentsOf: repeatElement(ByteTrie.noParent << 32, count: count - cells.count))
            values.append(contentsOf: repeatElement(-1, count: count - values.count))
        }

        /// Keeps the last used cell plus 256 of slack: every base is at most the highest used cell, so
        /// `base + byte` stays inside.
        mutating func trim() {
            let count = highestUsed + 257
            if cells.count < count { grow(to: count) }
            cells.removeLast(cells.count - count)
            values.removeLast(values.count - count)
        }
    }
}

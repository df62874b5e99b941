/// A word list compiled into two byte tries over normalized words.
///
/// The forward trie holds every pattern's words joined by `separator` (a byte no normalized word contains):
/// a walk starts at every word of the text and goes on into the next word while the trie has a separator
/// edge, so phrases cost nothing unless their first word matched. Suffix patterns (`*coin`) are keyed under
/// `suffixMark`; the reverse trie holds their first words reversed, and a walk backwards from each word's end
/// lands on the forward node to continue from. Nodes carry the entries that end there (whole word) or that
/// match any word continuing through there (prefix wildcard).
///
/// A class, so matching a text shares the tables instead of copying (and reference-counting) five arrays.
final class WordMatcher: Sendable {
    static let separator: UInt8 = 0x20
    static let suffixMark: UInt8 = 0x01
    /// Phrase walks waiting for the next word, at most; only reachable with lists built to blow up (many
    /// phrases over the same words in many leet readings). Beyond it, further phrase walks are dropped.
    static let pendingLimit = 256

    struct NodeEntries: Sendable {
        /// Entries matching a text word ending at this node.
        var exact: Range<Int32>
        /// Entries matching a text word passing through this node (prefix wildcard).
        var prefix: Range<Int32>
    }

    /// The forward and reverse tries, the entries at their nodes and the filters (`Tables` says why they
    /// are not arrays); `nonisolated(unsafe)`: written once in `init`, only read afterwards, freed in `deinit`.
    nonisolated(unsafe) let tables: Tables

    init() {
        tables = Tables(
            forward: ByteTrie(), reverse: ByteTrie(), nodeEntries: [], entryIndices: [], hasSuffixPatterns: false,
            suffixEndings: Array(repeating: 0, count: 65536 / 64),
            suffixLetterEndings: Array(repeating: 0, count: 1 << 15 / 64), rootTriples: Array(repeating: 0, count: 1 << 15 / 64),
            rootQuads: Array(repeating: 0, count: 1 << Self.quadBits / 64),
            rootQuints: Array(repeating: 0, count: 1 << Self.quintBits / 64))
    }

    deinit {
        tables.deallocate()
    }

    /// Compiles each pattern as the entry at its index (entries not listed never match).
    init(patterns: [(entry: Int32, pattern: WordPattern)]) throws(WordListError) {
        var exact: [[UInt8]: [Int32]] = [:]
        var prefix: [[UInt8]: [Int32]] = [:]
        var suffixHeads = Set<[UInt8]>()
        for (entry, pattern) in patterns {
            for words in pattern.variants {
                var key: [UInt8] = pattern.wildcard == .suffix ? [Self.suffixMark] : []
                for (position, word) in words.enumerated() {
                    if position > 0 { key.append(Self.separator) }
                    key.append(contentsOf: word)
                }
                switch pattern.wildcard {
                case .none, .suffix: exact[key, default: []].append(entry)
                case .prefix: prefix[key, default: []].append(entry)
                }
                if pattern.wildcard == .suffix, let head = words.first { suffixHeads.insert(head) }
            }
        }
        let keys = Set(exact.keys).union(prefix.keys).sorted(by: Self.precedes)
        var nodeEntries: [NodeEntries] = []
        var entryIndices: [Int32] = []
        nodeEntries.reserveCapacity(keys.count)
        for key in keys {
            let exactStart = Int32(entryIndices.count)
            entryIndices.append(contentsOf: Set(exact[key] ?? []).sorted())
            let prefixStart = Int32(entryIndices.count)
            entryIndices.append(contentsOf: Set(prefix[key] ?? []).sorted())
            let end = Int32(entryIndices.count)
            nodeEntries.append(NodeEntries(exact: exactStart..<prefixStart, prefix: prefixStart..<end))
        }
        guard let forward = ByteTrie(sortedKeys: keys, values: (0..<keys.count).map { Int32($0) }) else {
            throw WordListError(message: "the word list is too large")
        }
        var reverseKeys: [[UInt8]] = []
        var reverseValues: [Int32] = []
        for head in suffixHeads.map({ Array($0.reversed()) }).sorted(by: Self.precedes) {
            // Present: it is a prefix of the suffix pattern's own key.
            guard let node = forward.node(for: [Self.suffixMark] + head.reversed()) else { continue }
            reverseKeys.append(head)
            reverseValues.append(node)
        }
        guard let reverse = ByteTrie(sortedKeys: reverseKeys, values: reverseValues) else {
            throw WordListError(message: "the word list is too large")
        }
        var endings = [UInt64](repeating: 0, count: 65536 / 64)
        for head in suffixHeads {
            guard let last = head.last else { continue }
            let before = head.count > 1 ? [head[head.count - 2]] : Array(0...255)
            for byte in before {
                let bit = Int(last) << 8 | Int(byte)
                endings[bit >> 6] |= 1 << UInt64(bit & 63)
            }
        }
        tables = Tables(
            forward: forward, reverse: reverse, nodeEntries: nodeEntries, entryIndices: entryIndices,
            hasSuffixPatterns: !reverseKeys.isEmpty, suffixEndings: endings,
            suffixLetterEndings: Self.suffixLetterEndings(of: suffixHeads), rootTriples: Self.rootTriples(of: forward),
            rootQuads: Self.rootQuads(of: forward), rootQuints: Self.rootQuints(of: forward, nodeEntries: nodeEntries))
    }

    /// `Tables.suffixLetterEndings` of the suffix patterns' first words `heads`: each sets the bits of its
    /// last three bytes' five-bit codes, with every code where it is shorter (a plain word ending with it
    /// may have any letter, or none, there). A plain word ending with a head has the head's bytes there,
    /// so its bit is set; a head's bytes other than letters only set bits no plain word reads, or more.
    private static func suffixLetterEndings(of heads: Set<[UInt8]>) -> [UInt64] {
        var bits = [UInt64](repeating: 0, count: 1 << 15 / 64)
        let anyCode = Array(UInt8(0)..<32)
        for head in heads {
            guard let last = head.last else { continue }
            let before = head.count > 1 ? [head[head.count - 2]] : anyCode
            let third = head.count > 2 ? [head[head.count - 3]] : anyCode
            for second in before {
                for first in third {
                    let bit = tripleBit(last, second, first)
                    bits[bit >> 6] |= 1 << UInt64(bit & 63)
                }
            }
        }
        return bits
    }

    /// Whether the plain word of `units` ASCII letters (in either case) ending at `end` of `text` may end
    /// with a suffix pattern's first word (`Tables.suffixLetterEndings`).
    @inline(__always)
    static func mayEndWithSuffix(
        letters endings: UnsafeBufferPointer<UInt64>, _ text: UnsafeBufferPointer<UInt8>, end: Int, units: Int
    ) -> Bool {
        let bit = tripleBit(
            text[end &- 1], units > 1 ? text[end &- 2] : 0, units > 2 ? text[end &- 3] : 0)
        return endings[bit &>> 6] & (1 &<< UInt64(bit & 63)) != 0
    }

    /// `rootTriples` of a trie: a triple's bit is set when the walk through its letters passes a node with
    /// a value (prefix entries report there) or reaches a third node (the word may go on matching); a short
    /// word's when its walk passes a node with a value or ends on one with a phrase to continue.
    private static func rootTriples(of trie: ByteTrie) -> [UInt64] {
        var bits = [UInt64](repeating: 0, count: 1 << 15 / 64)
        func set(_ bit: Int) { bits[bit >> 6] |= 1 << UInt64(bit & 63) }
        let letters = UInt8(ascii: "a")...UInt8(ascii: "z")
        trie.withView { view in
            for first in letters {
                let firstNode = view.child(ByteTrie.root, first)
                guard firstNode >= 0 else { continue }
                if view.value(firstNode) >= 0 || view.child(firstNode, separator) >= 0 { set(tripleBit(first, 0, 0)) }
                for second in letters {
                    let secondNode = view.child(firstNode, second)
                    if view.value(firstNode) >= 0
                        || secondNode >= 0 && (view.value(secondNode) >= 0 || view.child(secondNode, separator) >= 0)
                    {
                        set(tripleBit(first, second, 0))
                    }
                    for third in letters {
                        let walks = view.value(firstNode) >= 0
                            || secondNode >= 0 && (view.value(secondNode) >= 0 || view.child(secondNode, third) >= 0)
                        if walks { set(tripleBit(first, second, third)) }
                    }
                }
            }
        }
        return bits
    }

    /// `rootQuads` of a trie: a quad's bit is set when the walk through its letters passes a node with a
    /// value in its first three (prefix entries report there) or reaches a fourth node; and the bit of
    /// three letters and a zero (which no letter's code is) when a word of those three letters may report
    /// something or queue a phrase walk: its walk passes a node with a value or ends on one with a phrase
    /// to continue. `rootTriples` cannot tell a three-letter word that only begins longer keys ("the" of
    /// "theft") from one that matches; with a large list, two in three of those that pass it.
    private static func rootQuads(of trie: ByteTrie) -> [UInt64] {
        var bits = [UInt64](repeating: 0, count: 1 << quadBits / 64)
        let letters = UInt8(ascii: "a")...UInt8(ascii: "z")
        trie.withView { view in
            // `reports`: a node on the way so far has a value, so every fourth letter may report; `node`
            // is -1 once the way has left the trie.
            func visit(_ node: Int32, _ prefix: [UInt8], reports: Bool) {
                for letter in letters {
                    let child = node >= 0 ? view.child(node, letter) : -1
                    guard child >= 0 || reports else { continue }
                    if prefix.count == 3 {
                        let bit = quadBit(prefix[0], prefix[1], prefix[2], letter)
                        bits[bit >> 6] |= 1 << UInt64(bit & 63)
                    } else {
                        if prefix.count == 2,
                            reports || child >= 0 && (view.value(child) >= 0 || view.child(child, separator) >= 0)
                        {
                            let bit = quadBit(prefix[0], prefix[1], letter, 0)
                            bits[bit >> 6] |= 1 << UInt64(bit & 63)
                        }
                        visit(child, prefix + [letter], reports: reports || child >= 0 && view.value(child) >= 0)
                    }
                }
            }
            visit(ByteTrie.root, [], reports: false)
        }
        return bits
    }

    /// `rootQuints` of a trie. Exact, unlike `rootQuads`, about what a walk does on its way: only prefix
    /// entries report before a word's end, and a node with whole-word entries alone ("ass") lets the
    /// words passing it ("assume") through no more than any other node does. A quint's bit is set when a
    /// walk through its first four letters passes a node with prefix entries, or, with a fifth letter,
    /// reaches a fifth node; with a zero (a word of four letters), when it ends on a node with a value or
    /// a phrase to continue.
    private static func rootQuints(of trie: ByteTrie, nodeEntries: [NodeEntries]) -> [UInt64] {
        var bits = [UInt64](repeating: 0, count: 1 << quintBits / 64)
        func set(_ codes: UInt64) {
            let bit = quintBit(codes)
            bits[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        // Every word of four letters or more beginning with the `depth` codes in `codes`.
        func setAll(_ codes: UInt64, depth: Int) {
            guard depth < 4 else {
                for fifth in UInt64(0)...26 { set(codes | fifth << 32) }
                return
            }
            for code in UInt64(1)...26 { setAll(codes | code << UInt64(8 * depth), depth: depth + 1) }
        }
        trie.withView { view in
            func reports(_ node: Int32) -> Bool {
                let value = view.value(node)
                return value >= 0 && !nodeEntries[Int(value)].prefix.isEmpty
            }
            // `node` is reached through the `depth` codes in `codes`, none of whose nodes has prefix entries.
            func visit(_ node: Int32, _ codes: UInt64, depth: Int) {
                for code in UInt64(1)...26 {
                    let child = view.child(node, 0x60 | UInt8(code))
                    guard child >= 0 else { continue }
                    let next = codes | code << UInt64(8 * depth)
                    if depth == 4 {
                        set(next)
                    } else if reports(child) {
                        setAll(next, depth: depth + 1)
                    } else {
                        if depth == 3 && (view.value(child) >= 0 || view.child(child, separator) >= 0) { set(next) }
                        visit(child, next, depth: depth + 1)
                    }
                }
            }
            visit(ByteTrie.root, 0, depth: 0)
        }
        return bits
    }

    /// log2 of the bits in `rootQuints`, as many as `rootQuads` has, for the same reasons.
    static let quintBits = 17

    /// The bit in `rootQuints` of five letters' five-bit codes, one a byte (the fifth 0 for a word of four).
    @inline(__always)
    static func quintBit(_ codes: UInt64) -> Int {
        Int(truncatingIfNeeded: (codes &* 0x9E37_79B9_7F4A_7C15) &>> UInt64(64 - quintBits))
    }

    /// Whether the walk from the root through the plain word `word` (four ASCII letters or more, in either
    /// case) may report an entry or queue a phrase walk (`rootQuints`): one load for the first four.
    @inline(__always)
    static func mayMatchQuint(_ quints: UnsafeBufferPointer<UInt64>, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        let base = word.baseAddress.unsafelyUnwrapped
        let head = UInt32(littleEndian: UnsafeRawPointer(base).loadUnaligned(as: UInt32.self)) & 0x1F1F_1F1F
        let fifth = word.count > 4 ? UInt64(base[4] & 31) : 0
        let bit = quintBit(UInt64(head) | fifth << 32)
        return quints[bit &>> 6] & (1 &<< UInt64(bit & 63)) != 0
    }

    /// log2 of the bits in `rootQuads`: 16 KB, few enough to stay in cache, many enough that a 10,000-entry
    /// list sets a small share of them.
    static let quadBits = 17

    /// The bit of four ASCII letters, in either case, in `rootQuads`: their five-bit codes hashed
    /// (Fibonacci hashing) onto `quadBits` bits.
    @inline(__always)
    static func quadBit(_ first: UInt8, _ second: UInt8, _ third: UInt8, _ fourth: UInt8) -> Int {
        let code = UInt32(first & 31) << 15 | UInt32(second & 31) << 10 | UInt32(third & 31) << 5 | UInt32(fourth & 31)
        return Int((code &* 0x9E37_79B1) &>> UInt32(32 - quadBits))
    }

    /// Whether the plain word of four or more letters starting at `start` of `text` may walk from the
    /// root, after its first three letters passed `rootTriples`.
    @inline(__always)
    static func mayMatchQuad(_ quads: UnsafeBufferPointer<UInt64>, _ text: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        mayMatchQuad(quads, text[start], text[start &+ 1], text[start &+ 2], text[start &+ 3])
    }

    /// Whether the plain word whose first letters are `first`, `second`, `third` and `fourth` (0 for a
    /// word of three) may walk from the root, after its first three letters passed `rootTriples`.
    @inline(__always)
    static func mayMatchQuad(
        _ quads: UnsafeBufferPointer<UInt64>, _ first: UInt8, _ second: UInt8, _ third: UInt8, _ fourth: UInt8
    ) -> Bool {
        let bit = quadBit(first, second, third, fourth)
        return quads[bit &>> 6] & (1 &<< UInt64(bit & 63)) != 0
    }

    /// The bit of three ASCII letters, in either case, in `rootTriples`.
    @inline(__always)
    static func tripleBit(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> Int {
        Int(first & 31) << 10 | Int(second & 31) << 5 | Int(third & 31)
    }

    /// Whether a walk from the root through the plain word `word` (ASCII letters, in either case) may
    /// report an entry or queue a phrase walk.
    @inline(__always)
    static func mayMatchFromRoot(
        _ triples: UnsafeBufferPointer<UInt64>, _ quads: UnsafeBufferPointer<UInt64>, _ word: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        guard !word.isEmpty else { return true }
        let bit = tripleBit(word[0], word.count > 1 ? word[1] : 0, word.count > 2 ? word[2] : 0)
        guard triples[bit >> 6] & (1 << UInt64(bit & 63)) != 0 else { return false }
        return word.count < 3 || mayMatchQuad(quads, word[0], word[1], word[2], word.count > 3 ? word[3] : 0)
    }

    /// Whether a word whose last bytes are `before`, `last` may end with a suffix pattern's first word
    /// (`before` is 0 for a one-byte word).
    @inline(__always)
    static func mayEndWithSuffix(_ endings: UnsafeBufferPointer<UInt64>, last: UInt8, before: UInt8) -> Bool {
        let bit = Int(last) << 8 | Int(before)
        return endings[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }

    private static func precedes(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        left.withUnsafeBufferPointer { left in
            right.withUnsafeBufferPointer { right in
                let common = min(left.count, right.count)
                var index = 0
                while index < common {
                    if left[index] != right[index] { return left[index] < right[index] }
                    index += 1
                }
                return left.count < right.count
            }
        }
    }
}

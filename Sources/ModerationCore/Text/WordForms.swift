/// The normalized forms of one word (a piece or a run of pieces) as UTF-8: NFKC_Casefold, default
/// ignorables removed, confusables folded (`ConfusableFolding`), and, when the word is leet
/// (`WordTraits.isLeet`), its leet readings. The three buffers are reused from word to word; they are raw
/// memory, on the stack until a word outgrows them, because resetting and appending to `Array`s cost more
/// than the rest of matching a word.
struct WordForms {
    private enum Form: Int {
        /// Case-folded and confusable-folded; digits kept as digits, `@`/`$` read as letters.
        case plain
        /// Leet digits read as letters, "1" as "i".
        case leet
        /// Leet digits read as letters, "1" as "l".
        case leetWithL
    }

    /// Three forms of `capacity` bytes each, side by side.
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Whether `storage` was allocated on the heap by `grow` (and must be freed by `with`).
    private var ownsStorage = false
    private var lengths: (Int, Int, Int) = (0, 0, 0)
    /// The leet forms the last `build` produced that differ from the forms before them.
    private var leetForms: (first: Form?, second: Form?) = (nil, nil)

    private static let initialCapacity = 128

    /// Calls `body` with empty forms, valid during the call.
    static func with<Result>(_ body: (inout WordForms) -> Result) -> Result {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 3 * initialCapacity) { buffer in
            // A temporary allocation of a non-zero size always has an address.
            guard let base = buffer.baseAddress else {
                var forms = WordForms(storage: .allocate(capacity: 3 * initialCapacity), owned: true)
                defer { forms.release() }
                return body(&forms)
            }
            var forms = WordForms(storage: base, owned: false)
            defer { forms.release() }
            return body(&forms)
        }
    }

    private init(storage: UnsafeMutablePointer<UInt8>, owned: Bool) {
        self.storage = storage
        capacity = Self.initialCapacity
        ownsStorage = owned
    }

    private mutating func release() {
        if ownsStorage { storage.deallocate() }
        ownsStorage = false
    }

    /// How many distinct forms the last `build` produced (1 to 3).
    var count: Int { 1 + (leetForms.first == nil ? 0 : 1) + (leetForms.second == nil ? 0 : 1) }

    /// The `index`th distinct form, `0 ..< count`; valid until the next `build`.
    func form(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        switch index {
        case 0: bytes(.plain)
        case 1: bytes(leetForms.first ?? .plain)
        default: bytes(leetForms.second ?? .plain)
        }
    }

    /// Every distinct form: plain first, then the leet readings.
    var readings: [[UInt8]] { (0..<count).map { Array(form($0)) } }

    /// The form `TextNormalizer` shows: the leet reading of a leet word, otherwise the plain form.
    var primary: UnsafeBufferPointer<UInt8> { form(count > 1 ? 1 : 0) }

    /// Builds the forms of the scalars in `start ..< end` of `text` (valid UTF-8). Separators inside the
    /// range (between spaced-out letters) are skipped. The leet readings are the plain form with its ASCII
    /// leet digits replaced, so they are the same whether a word is read raw or already normalized.
    mutating func build(
        _ text: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, traits: WordTraits, units: UInt16,
        table: ScalarTable
    ) {
        lengths = (0, 0, 0)
        var previousEndsWithMark = false
        var needsReordering = false
        var index = start
        while index < end {
            let byte = text[index]
            if byte < 0x80 {
                index += 1
                previousEndsWithMark = false
                switch table.asciiKinds[Int(byte)] {
                case .letter: append(byte &- 65 < 26 ? byte | 0x20 : byte, to: .plain)
                case .digit: append(byte, to: .plain)
                case .leetSymbol: append(table.asciiLeet[Int(byte)], to: .plain)
                case .ignorable, .separator, .spacer, .mark, .symbol, .cluster: break
                }
                continue
            }
            let (scalar, length) = TextSegmentation.decode(text, at: index)
            index += length
            table.withEntry(scalar) { entry in
                switch entry.kind {
                case .ignorable, .separator, .spacer: return
                case .leetSymbol: append(entry.leetLetter, to: .plain)
                case .letter, .digit, .mark, .symbol, .cluster: append(entry.bytes, to: .plain)
                }
                if entry.startsWithMark && previousEndsWithMark { needsReordering = true }
                previousEndsWithMark = entry.endsWithMark
            }
        }
        if needsReordering {
            // Marks from different characters met: restore canonical order, as normalizing the whole word would.
            let ordered = UnicodeServices.nfd(String(decoding: bytes(.plain), as: UTF8.self))
            setLength(0, of: .plain)
            Array(ordered.utf8).withUnsafeBufferPointer { append($0, to: .plain) }
        }
        leetForms = (nil, nil)
        guard traits.isLeet(units: units), traits.contains(.hasLeetDigit) || traits.contains(.hasLeetSymbol) else {
            return
        }
        // Each form has `capacity` bytes and a leet form is as long as the plain one: no growth (which would
        // move the plain bytes being read) happens here.
        appendLeetReading(of: bytes(.plain), one: UInt8(ascii: "i"), to: .leet)
        if traits.contains(.hasOne) { appendLeetReading(of: bytes(.plain), one: UInt8(ascii: "l"), to: .leetWithL) }
        let leet: Form? = equal(.leet, .plain) ? nil : .leet
        let leetWithL: Form? =
            traits.contains(.hasOne) && !equal(.leetWithL, .plain) && !equal(.leetWithL, .leet) ? .leetWithL : nil
        leetForms = leet == nil ? (leetWithL, nil) : (leet, leetWithL)
    }

    /// `plain` with leet digits read as letters; a dot above after a "1" read as "i" goes, as after any "i".
    private mutating func appendLeetReading(of plain: UnsafeBufferPointer<UInt8>, one: UInt8, to form: Form) {
        var index = 0
        while index < plain.count {
            let letter = Self.leetLetter(plain[index], one: one)
            append(letter, to: form)
            index += 1
            guard letter == UInt8(ascii: "i") || letter == UInt8(ascii: "j") else { continue }
            while plain[index...].starts(with: [0xCC, 0x87]) { index += 2 }
        }
    }

    /// The letter leet reads for an ASCII digit (`1` as `one`), or the byte itself.
    @inline(__always)
    static func leetLetter(_ byte: UInt8, one: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "0"): UInt8(ascii: "o")
        case UInt8(ascii: "1"): one
        case UInt8(ascii: "3"): UInt8(ascii: "e")
        case UInt8(ascii: "4"): UInt8(ascii: "a")
        case UInt8(ascii: "5"): UInt8(ascii: "s")
        case UInt8(ascii: "7"): UInt8(ascii: "t")
        default: byte
        }
    }

    private func bytes(_ form: Form) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: storage + form.rawValue * capacity, count: length(of: form))
    }

    /// Byte by byte over the buffers: the generic `elementsEqual` walks them through iterators, which cost
    /// more than the rest of building a short word's forms.
    private func equal(_ left: Form, _ right: Form) -> Bool {
        let (left, right) = (bytes(left), bytes(right))
        guard left.count == right.count else { return false }
        var index = 0
        while index < left.count, left[index] == right[index] { index += 1 }
        return index == left.count
    }

    @inline(__always)
    private func length(of form: Form) -> Int {
        switch form {
        case .plain: lengths.0
        case .leet: lengths.1
        case .leetWithL: lengths.2
        }
    }

    @inline(__always)
    private mutating func setLength(_ length: Int, of form: Form) {
        switch form {
        case .plain: lengths.0 = length
        case .leet: lengths.1 = length
        case .leetWithL: lengths.2 = length
        }
    }

    @inline(__always)
    private mutating func append(_ byte: UInt8, to form: Form) {
        let length = length(of: form)
        if length == capacity { grow(to: capacity * 2) }
        storage[form.rawValue * capacity + length] = byte
        setLength(length + 1, of: form)
    }

    /// Appends a character's form, dropping a combining dot above right after "i" or "j" (see
    /// `ScalarInfo.dotAbove`).
    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, to form: Form) {
        let length = length(of: form)
        if bytes.count == 2, bytes[0] == 0xCC, bytes[1] == 0x87, length > 0 {  // U+0307 in UTF-8
            let last = storage[form.rawValue * capacity + length - 1]
            if last == UInt8(ascii: "i") || last == UInt8(ascii: "j") { return }
        }
        if length + bytes.count > capacity { grow(to: max(capacity * 2, length + bytes.count)) }
        let destination = storage + form.rawValue * capacity + length
        for (offset, byte) in bytes.enumerated() { destination[offset] = byte }
        setLength(length + bytes.count, of: form)
    }

    private mutating func grow(to newCapacity: Int) {
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: 3 * newCapacity)
        for form in [Form.plain, .leet, .leetWithL] {
            (larger + form.rawValue * newCapacity)
                .initialize(from: storage + form.rawValue * capacity, count: length(of: form))
        }
        if ownsStorage { storage.deallocate() }
        storage = larger
        ownsStorage = true
        capacity = newCapacity
    }
}

import Synchronization

/// One scalar's `ScalarInfo`, with its normalized bytes in memory the table owns. Sendable: the bytes of a
/// stored entry are written once and never changed or freed.
struct ScalarEntry: @unchecked Sendable {
    var kind: ScalarKind
    var leetLetter: UInt8
    var traits: WordTraits
    var units: UInt8
    var startsWithMark: Bool
    var endsWithMark: Bool
    var bytes: UnsafeBufferPointer<UInt8>
}

/// `ScalarInfo` for every scalar, computed through ICU once per distinct scalar per process.
///
/// The scalars comments are mostly made of (ASCII, Latin, Greek, Cyrillic, Hebrew, Arabic, general
/// punctuation with the zero-width characters, variation selectors, the BOM, fullwidth forms) are computed
/// when the table is first used, into flat memory read without locks or reference counting. Other scalars
/// (emoji, symbols, Hangul, Han, ...) are computed on first sight into pages of 256, one page per block of
/// code points, also read without locks: a page is made when a scalar of its block is first needed, and
/// each entry is written once, by the thread that claims it first. Up to `pageLimit` pages are made, so
/// that a stream of rare characters cannot grow memory without bound; scalars of further blocks are
/// remembered behind a mutex, up to `cacheLimit` of them (beyond both they are recomputed, correctly but
/// slowly). The table lives as long as the process and never frees what it stored.
final class ScalarTable: Sendable {
    static let shared = ScalarTable()

    /// Kind of each ASCII byte (128 entries).
    nonisolated(unsafe) let asciiKinds: UnsafePointer<ScalarKind>
    /// Leet letter of `@` and `$`, 0 for other ASCII bytes (128 entries).
    nonisolated(unsafe) let asciiLeet: UnsafePointer<UInt8>
    /// Traits of each ASCII byte's normalized form (128 entries).
    nonisolated(unsafe) let asciiTraits: UnsafePointer<WordTraits>
    /// For each byte value: an ASCII letter (256 entries, so a UTF-8 byte needs no range check).
    nonisolated(unsafe) let isASCIILetter: UnsafePointer<Bool>
    /// For each byte value: an ASCII separator or spacer (256 entries).
    nonisolated(unsafe) let isASCIISeparator: UnsafePointer<Bool>
    /// Entries of `denseRanges`, concatenated.
    nonisolated(unsafe) private let dense: UnsafePointer<ScalarEntry>

    private static let denseRanges: [ClosedRange<UInt32>] = [
        0x0000...0x07FF, 0x2000...0x206F, 0xFE00...0xFE0F, 0xFEFF...0xFEFF, 0xFF00...0xFFEF,
    ]
    private static let cacheLimit = 1 << 16
    /// Pages of 256 scalars made at most: 2 MB of entries, which covers emoji, symbols, Hangul and the
    /// common Han blocks.
    private static let pageLimit = 256
    private static let pageSlotCount = 0x11_0000 >> 8

    /// For each block of 256 code points, the address of its page (`PageSlot`s), or 0 before one is made.
    nonisolated(unsafe) private let pages: UnsafeMutablePointer<Atomic<Int>>
    private let pagesMade = Atomic<Int>(0)

    private let cache = Mutex<[UInt32: ScalarEntry]>([:])

    private init() {
        pages = .allocate(capacity: Self.pageSlotCount)
        for index in 0..<Self.pageSlotCount { (pages + index).initialize(to: Atomic(0)) }
        let scalars = Self.denseRanges.flatMap { $0 }.compactMap(Unicode.Scalar.init)
        let infos = scalars.map(ScalarInfo.init(computing:))
        let entries = UnsafeMutablePointer<ScalarEntry>.allocate(capacity: infos.count)
        let pool = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, infos.reduce(0) { $0 + $1.bytes.count }))
        var offset = 0
        for (index, info) in infos.enumerated() {
            (pool + offset).initialize(from: info.bytes, count: info.bytes.count)
            let bytes = UnsafeBufferPointer(start: pool + offset, count: info.bytes.count)
            (entries + index).initialize(to: Self.entry(info, bytes: bytes))
            offset += info.bytes.count
        }
        dense = UnsafePointer(entries)
        let kinds = UnsafeMutablePointer<ScalarKind>.allocate(capacity: 128)
        kinds.initialize(from: infos[0..<128].map(\.kind), count: 128)
        asciiKinds = UnsafePointer(kinds)
        let leet = UnsafeMutablePointer<UInt8>.allocate(capacity: 128)
        leet.initialize(from: infos[0..<128].map(\.leetLetter), count: 128)
        asciiLeet = UnsafePointer(leet)
        let traits = UnsafeMutablePointer<WordTraits>.allocate(capacity: 128)
        traits.initialize(from: infos[0..<128].map(\.traits), count: 128)
        asciiTraits = UnsafePointer(traits)
        let letters = UnsafeMutablePointer<Bool>.allocate(capacity: 256)
        letters.initialize(from: (0..<256).map { $0 < 128 && infos[$0].kind == .letter }, count: 256)
        isASCIILetter = UnsafePointer(letters)
        let separators = UnsafeMutablePointer<Bool>.allocate(capacity: 256)
        separators.initialize(
            from: (0..<256).map { $0 < 128 && (infos[$0].kind == .separator || infos[$0].kind == .spacer) }, count: 256)
        isASCIISeparator = UnsafePointer(separators)
    }

    /// Calls `body` with the entry of `scalar`; its bytes are valid during the call.
    @inline(__always)
    func withEntry<Result>(_ scalar: Unicode.Scalar, _ body: (ScalarEntry) -> Result) -> Result {
        if let index = Self.denseIndex(scalar.value) { return body(dense[index]) }
        let page = pages[Int(scalar.value >> 8)].load(ordering: .acquiring)
        if let slot = UnsafeMutablePointer<PageSlot>(bitPattern: page)?.advanced(by: Int(scalar.value & 0xFF)),
           slot.pointee.state.load(ordering: .acquiring) == PageSlot.ready
        {
            return body(slot.pointee.entry)
        }
        return firstSight(scalar, body)
    }

    /// `withEntry` for a scalar whose entry is not stored yet: computes it and stores it in its page (made
    /// now if need be), or in the cache when the pages are all made.
    @inline(never)
    private func firstSight<Result>(_ scalar: Unicode.Scalar, _ body: (ScalarEntry) -> Result) -> Result {
        if let page = page(of: scalar.value) {
            let slot = page + Int(scalar.value & 0xFF)
            if slot.pointee.state.load(ordering: .acquiring) == PageSlot.ready { return body(slot.pointee.entry) }
            let info = ScalarInfo(computing: scalar)
            guard slot.pointee.state.compareExchange(
                expected: PageSlot.empty, desired: PageSlot.writing, ordering: .acquiring).exchanged
            else {
                // Another thread is writing it: use this computation once.
                return info.bytes.withUnsafeBufferPointer { body(Self.entry(info, bytes: $0)) }
            }
            let entry = Self.entry(info, bytes: Self.permanentCopy(info.bytes))
            slot.pointee.entry = entry
            slot.pointee.state.store(PageSlot.ready, ordering: .releasing)
            return body(entry)
        }
        if let known = cache.withLock({ $0[scalar.value] }) { return body(known) }
        let info = ScalarInfo(computing: scalar)
        return info.bytes.withUnsafeBufferPointer { bytes in
            let stored = cache.withLock { cache -> ScalarEntry? in
                guard cache.count < Self.cacheLimit else { return nil }
                let entry = Self.entry(info, bytes: Self.permanentCopy(Array(bytes)))
                cache[scalar.value] = entry
                return entry
            }
            return body(stored ?? Self.entry(info, bytes: bytes))
        }
    }

    /// The page holding `value`'s entry, made now if it is the first of its block; nil when `pageLimit`
    /// pages are made already.
    private func page(of value: UInt32) -> UnsafeMutablePointer<PageSlot>? {
        let pageSlot = pages + Int(value >> 8)
        let existing = pageSlot.pointee.load(ordering: .acquiring)
        if existing != 0 { return UnsafeMutablePointer(bitPattern: existing) }
        // A page is counted before it is made, so that threads racing for different blocks cannot make
        // more than the limit between them.
        guard pagesMade.add(1, ordering: .relaxed).newValue <= Self.pageLimit else {
            pagesMade.subtract(1, ordering: .relaxed)
            return nil
        }
        let made = UnsafeMutablePointer<PageSlot>.allocate(capacity: 256)
        for index in 0..<256 { (made + index).initialize(to: PageSlot()) }
        let (exchanged, winner) = pageSlot.pointee.compareExchange(
            expected: 0, desired: Int(bitPattern: made), ordering: .acquiringAndReleasing)
        guard exchanged else {
            pagesMade.subtract(1, ordering: .relaxed)
            made.deinitialize(count: 256)
            made.deallocate()
            return UnsafeMutablePointer(bitPattern: winner)
        }
        return made
    }

    /// `bytes` in memory that is never freed, as stored entries need.
    private static func permanentCopy(_ bytes: [UInt8]) -> UnsafeBufferPointer<UInt8> {
        let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, bytes.count))
        copy.initialize(from: bytes, count: bytes.count)
        return UnsafeBufferPointer(start: copy, count: bytes.count)
    }

    /// Kind, traits and units of `scalar`.
    @inline(__always)
    func kind(of scalar: Unicode.Scalar) -> (ScalarKind, WordTraits, UInt8) {
        withEntry(scalar) { ($0.kind, $0.traits, $0.units) }
    }

    private static func entry(_ info: ScalarInfo, bytes: UnsafeBufferPointer<UInt8>) -> ScalarEntry {
        ScalarEntry(
            kind: info.kind, leetLetter: info.leetLetter, traits: info.traits, units: info.units,
            startsWithMark: info.startsWithMark,
            endsWithMark: info.endsWithMark, bytes: bytes)
    }

    /// Position of `value` in `denseRanges`' entries (the ranges, spelled out for speed).
    @inline(__always)
    private static func denseIndex(_ value: UInt32) -> Int? {
        if value < 0x0800 { return Int(value) }
        if value < 0x2000 { return nil }
        if value < 0x2070 { return 0x0800 + Int(value - 0x2000) }
        if value < 0xFE00 { return nil }
        if value < 0xFE10 { return 0x0870 + Int(value - 0xFE00) }
        if value == 0xFEFF { return 0x0880 }
        if value < 0xFF00 { return nil }
        if value < 0xFFF0 { return 0x0881 + Int(value - 0xFF00) }
        return nil
    }
}

/// One scalar's place in a page of `ScalarTable`: its entry, once `state` says it is ready.
private struct PageSlot: ~Copyable {
    static let empty: UInt8 = 0
    static let writing: UInt8 = 1
    static let ready: UInt8 = 2

    let state = Atomic<UInt8>(PageSlot.empty)
    var entry = ScalarEntry(
        kind: .symbol, leetLetter: 0, traits: [], units: 0, startsWithMark: false, endsWithMark: false,
        bytes: UnsafeBufferPointer(start: nil, count: 0))
}

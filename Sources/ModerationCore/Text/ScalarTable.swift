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
/// when the table is first used, into flat memory read without locks or reference counting. Other scalars are
/// computed on first sight and remembered behind a mutex, up to `cacheLimit` of them so that a stream of rare
/// characters cannot grow memory without bound (beyond the limit they are recomputed, correctly but slowly).
/// The table lives as long as the process and never frees what it stored.
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

    private let cache = Mutex<[UInt32: ScalarEntry]>([:])

    private init() {
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
        if let known = cache.withLock({ $0[scalar.value] }) { return body(known) }
        let info = ScalarInfo(computing: scalar)
        return info.bytes.withUnsafeBufferPointer { bytes in
            let stored = cache.withLock { cache -> ScalarEntry? in
                guard cache.count < Self.cacheLimit else { return nil }
                // Kept for the life of the process, like the table.
                let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, bytes.count))
                if let source = bytes.baseAddress { copy.initialize(from: source, count: bytes.count) }
                let entry = Self.entry(info, bytes: UnsafeBufferPointer(start: copy, count: bytes.count))
                cache[scalar.value] = entry
                return entry
            }
            return body(stored ?? Self.entry(info, bytes: bytes))
        }
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

import Synchronization
import UnicodeSupport

/// The Unicode properties the text phases ask about a non-ASCII scalar, as the standard library (and,
/// for the script, ICU) answers them, packed in one word.
struct CachedScalarProperties {
    fileprivate static let knownBit: UInt32 = 1 << 31
    private static let whitespaceBit: UInt32 = 1 << 5
    private static let ignorableBit: UInt32 = 1 << 6
    private static let prependBit: UInt32 = 1 << 7
    private static let aloneBit: UInt32 = 1 << 20
    /// The script takes bits 8 to 19; all ones stands for "ICU cannot tell".
    private static let unknownScript: UInt32 = 0xFFF

    fileprivate let bits: UInt32

    fileprivate init(bits: UInt32) {
        self.bits = bits
    }

    /// Asks the standard library and ICU.
    fileprivate init(computing scalar: Unicode.Scalar) {
        let properties = scalar.properties
        var bits = Self.knownBit | UInt32(ScalarCategory(properties.generalCategory).rawValue)
        if properties.isWhitespace { bits |= Self.whitespaceBit }
        if properties.isDefaultIgnorableCodePoint { bits |= Self.ignorableBit }
        func characters(_ scalars: Unicode.Scalar...) -> Int {
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars)
            return String(text).count
        }
        let joinsLetter = characters(scalar, "a") == 1
        if joinsLetter { bits |= Self.prependBit }
        if !joinsLetter && characters("a", scalar) == 2 && characters(scalar, scalar) == 2 { bits |= Self.aloneBit }
        let script = cm_script_of(scalar.value)
        bits |= (script >= 0 && script < Int32(Self.unknownScript) ? UInt32(script) : Self.unknownScript) << 8
        self.bits = bits
    }

    /// The general category.
    var category: ScalarCategory { ScalarCategory(rawValue: UInt8(truncatingIfNeeded: bits & 0x1F)) ?? .unassigned }

    /// Unicode's White_Space.
    var isWhitespace: Bool { bits & Self.whitespaceBit != 0 }

    /// Unicode's Default_Ignorable_Code_Point.
    var isDefaultIgnorable: Bool { bits & Self.ignorableBit != 0 }

    /// Whether the scalar forms one character with an ASCII letter after it (grapheme break property
    /// Prepend, such as U+0600 ARABIC NUMBER SIGN); for every other scalar, a character that is not a
    /// control ends before a following ASCII character.
    var joinsFollowingASCII: Bool { bits & Self.prependBit != 0 }

    /// Whether the scalar is a character by itself beside any other scalar that is: not a prepended,
    /// extending, joining or spacing mark, regional indicator or Hangul jamo that grapheme rules attach
    /// to a neighbour (found by asking the standard library about the scalar beside "a" and itself).
    /// Between two such scalars there is always a character boundary, so a scanner needs no grapheme
    /// rules there.
    var standsAlone: Bool { bits & Self.aloneBit != 0 }

    /// The ICU script code (`cm_script_of`), -1 when ICU cannot tell.
    var script: Int32 {
        let script = (bits >> 8) & Self.unknownScript
        return script == Self.unknownScript ? -1 : Int32(script)
    }
}

/// Unicode general categories as a plain enum: the standard library's `Unicode.GeneralCategory` is
/// resilient, so every comparison with one of its cases goes through type metadata.
enum ScalarCategory: UInt8 {
    case uppercaseLetter, lowercaseLetter, titlecaseLetter, modifierLetter, otherLetter
    case nonspacingMark, spacingMark, enclosingMark
    case decimalNumber, letterNumber, otherNumber
    case connectorPunctuation, dashPunctuation, openPunctuation, closePunctuation, initialPunctuation
    case finalPunctuation, otherPunctuation
    case mathSymbol, currencySymbol, modifierSymbol, otherSymbol
    case spaceSeparator, lineSeparator, paragraphSeparator
    case control, format, surrogate, privateUse, unassigned

    init(_ category: Unicode.GeneralCategory) {
        self =
            switch category {
            case .uppercaseLetter: .uppercaseLetter
            case .lowercaseLetter: .lowercaseLetter
            case .titlecaseLetter: .titlecaseLetter
            case .modifierLetter: .modifierLetter
            case .otherLetter: .otherLetter
            case .nonspacingMark: .nonspacingMark
            case .spacingMark: .spacingMark
            case .enclosingMark: .enclosingMark
            case .decimalNumber: .decimalNumber
            case .letterNumber: .letterNumber
            case .otherNumber: .otherNumber
            case .connectorPunctuation: .connectorPunctuation
            case .dashPunctuation: .dashPunctuation
            case .openPunctuation: .openPunctuation
            case .closePunctuation: .closePunctuation
            case .initialPunctuation: .initialPunctuation
            case .finalPunctuation: .finalPunctuation
            case .otherPunctuation: .otherPunctuation
            case .mathSymbol: .mathSymbol
            case .currencySymbol: .currencySymbol
            case .modifierSymbol: .modifierSymbol
            case .otherSymbol: .otherSymbol
            case .spaceSeparator: .spaceSeparator
            case .lineSeparator: .lineSeparator
            case .paragraphSeparator: .paragraphSeparator
            case .control: .control
            case .format: .format
            case .surrogate: .surrogate
            case .privateUse: .privateUse
            case .unassigned: .unassigned
            @unknown default: .unassigned
            }
    }
}

/// `CachedScalarProperties` of every scalar, each computed the first time it is asked for and kept for
/// the life of the process: a property lookup in the standard library searches a table (a few hundred
/// instructions), and comments repeat the few non-ASCII characters they have (emoji, quotes, accents).
///
/// Memory comes in pages of 256 scalars, allocated when first touched and published with a
/// compare-and-exchange, so lookups take no lock; entries are atomic words, written when computed
/// (threads that race compute the same value).
final class ScalarPropertyCache: Sendable {
    static let shared = ScalarPropertyCache()

    private static let pageCount = 0x11_0000 >> 8

    /// One slot per page: the page's address, or 0 before it is allocated.
    nonisolated(unsafe) private let pages: UnsafeMutablePointer<Atomic<UInt>>

    private init() {
        pages = .allocate(capacity: Self.pageCount)
        for index in 0..<Self.pageCount { (pages + index).initialize(to: Atomic(0)) }
    }

    /// The properties of `scalar`.
    @inline(__always)
    func properties(of scalar: Unicode.Scalar) -> CachedScalarProperties {
        let entry = page(Int(scalar.value >> 8)) + Int(scalar.value & 0xFF)
        let bits = entry.pointee.load(ordering: .relaxed)
        if bits & CachedScalarProperties.knownBit != 0 { return CachedScalarProperties(bits: bits) }
        return compute(scalar, into: entry)
    }

    @inline(never)
    private func compute(
        _ scalar: Unicode.Scalar, into entry: UnsafeMutablePointer<Atomic<UInt32>>
    ) -> CachedScalarProperties {
        let properties = CachedScalarProperties(computing: scalar)
        entry.pointee.store(properties.bits, ordering: .relaxed)
        return properties
    }

    @inline(__always)
    private func page(_ number: Int) -> UnsafeMutablePointer<Atomic<UInt32>> {
        let address = pages[number].load(ordering: .acquiring)
        if let page = UnsafeMutablePointer<Atomic<UInt32>>(bitPattern: address) { return page }
        return allocatePage(number)
    }

    @inline(never)
    private func allocatePage(_ number: Int) -> UnsafeMutablePointer<Atomic<UInt32>> {
        let page = UnsafeMutablePointer<Atomic<UInt32>>.allocate(capacity: 256)
        for index in 0..<256 { (page + index).initialize(to: Atomic(0)) }
        let address = UInt(bitPattern: page)
        let (exchanged, winner) = pages[number].compareExchange(
            expected: 0, desired: address, ordering: .acquiringAndReleasing)
        if exchanged { return page }
        // Another thread published first: use its page.
        page.deinitialize(count: 256)
        page.deallocate()
        return UnsafeMutablePointer(bitPattern: winner).unsafelyUnwrapped
    }
}

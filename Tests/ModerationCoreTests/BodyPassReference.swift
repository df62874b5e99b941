import Foundation

@testable import ModerationCore

/// The content signals and link scanning as they were before the single pass over the body, kept here as
/// the reference the new code must agree with on every text.
enum BodyPassReference {
    /// The body scan eight bytes at a time (in a 64-bit word), as it was.
    struct Scan {
        /// Cased letters: capitals (upper and title case) and lower case, any script with case.
        private(set) var capitals = 0
        private(set) var lowercase = 0
        /// Which of the bytes ``ScriptContent`` starts from occur (see ``ScriptContent/Markers``).
        private(set) var scriptMarkers: UInt64 = 0
        /// Whether a non-ASCII character could belong in a word (see ``ContentSignals/isWordCharacter(_:_:)``):
        /// without one, every word is ASCII, in one script at most, and no word mixes scripts.
        private(set) var hasNonASCIIWordCharacter = false
        /// Whether every non-ASCII scalar stands alone (``CachedScalarProperties/standsAlone``): then every
        /// character of the body is one scalar (CR LF aside), and finding repeated characters needs no
        /// grapheme rules.
        private(set) var singleScalarCharacters = true

        init(_ bytes: LinkSyntax.Bytes) {
            var markers = ScriptContent.Markers()
            // Eight ASCII bytes at once: a byte's high bit is set by the first addition from `A` (or `a`) on,
            // and by the second past `Z` (or `z`), and no byte carries into the next (high bits are clear).
            // The flags are added up per byte, in lanes whose total (at most 8 a word) is taken before it
            // passes 255.
            let high: UInt64 = 0x8080_8080_8080_8080
            var (upperLanes, lowerLanes, words): (UInt64, UInt64, Int) = (0, 0, 0)
            func sumLanes() {
                capitals += Int((upperLanes &* 0x0101_0101_0101_0101) >> 56)
                lowercase += Int((lowerLanes &* 0x0101_0101_0101_0101) >> 56)
                (upperLanes, lowerLanes, words) = (0, 0, 0)
            }
            var index = 0
            while index < bytes.count {
                guard index + 8 <= bytes.count, let base = UnsafeRawPointer(bytes.baseAddress) else {
                    let byte = bytes[index]
                    guard byte >= 0x80 else {
                        if byte >= 0x41 && byte <= 0x5A { capitals += 1 } else if byte >= 0x61 && byte <= 0x7A { lowercase += 1 }
                        markers.add(byte)
                        index += 1
                        continue
                    }
                    index += countNonASCII(bytes, at: index)
                    continue
                }
                // The bytes before the first non-ASCII one (all eight when there is none) are read at once; the
                // others are masked to zero, which is neither a letter nor a marker.
                let word = ByteScan.word(base, at: index)
                let nonASCII = word & high
                let asciiCount = nonASCII == 0 ? 8 : nonASCII.trailingZeroBitCount / 8
                let ascii = asciiCount == 8 ? word : word & (1 << UInt64(asciiCount * 8) - 1)
                upperLanes &+= ((ascii &+ 0x3F3F_3F3F_3F3F_3F3F) & ~(ascii &+ 0x2525_2525_2525_2525) & high) >> 7
                lowerLanes &+= ((ascii &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(ascii &+ 0x0505_0505_0505_0505) & high) >> 7
                // Each marker's bytes, eight at a time, as the markers were gathered then.
                for marker in "<:=&%".utf8 where ByteScan.equalBytes(ascii, marker) != 0 { markers.add(marker) }
                words &+= 1
                if words == 31 { sumLanes() }
                index &+= asciiCount
                if asciiCount < 8 { index += countNonASCII(bytes, at: index) }
            }
            sumLanes()
            scriptMarkers = markers.present
        }

        /// Counts the non-ASCII scalar at `index` if it is a cased letter, and notes a word character;
        /// returns its length.
        private mutating func countNonASCII(_ bytes: LinkSyntax.Bytes, at index: Int) -> Int {
            let (scalar, length) = LinkSyntax.decodeScalar(bytes, at: index)
            Self.count(scalar, into: &self)
            return length
        }

        /// Kept out of line: looking up Unicode properties makes the caller fetch type metadata on every
        /// call, ASCII included.
        @inline(never)
        private static func count(_ scalar: Unicode.Scalar, into scan: inout Scan) {
            let properties = ScalarPropertyCache.shared.properties(of: scalar)
            switch properties.category {
            case .uppercaseLetter, .titlecaseLetter: scan.capitals += 1
            case .lowercaseLetter: scan.lowercase += 1
            default: break
            }
            if !scan.hasNonASCIIWordCharacter, ContentSignals.isWordCharacter(scalar, properties) {
                scan.hasNonASCIIWordCharacter = true
            }
            if !properties.standsAlone { scan.singleScalarCharacters = false }
        }
    }

    /// The link reasons as they were: every link found asking each byte and made a ``Link``, then judged.
    static func linkReasons(for body: String, policy: LinkPolicy) -> [Reason] {
        var body = body
        return LinkScanner.reasons(for: body.withUTF8 { LinkScanner.scan($0, skipping: false) }, policy: policy)
    }
}

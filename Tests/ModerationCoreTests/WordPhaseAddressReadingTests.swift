import Testing

@testable import ModerationCore

/// The leet reading of an address's `local@domain` ("smith@example" read "smithaexample"), which the
/// plain-text loop matches only when the filters plain words pass say it may: with lists whose entries
/// are those readings (whole, as prefix and suffix wildcards, in phrases) among many others, every scan
/// path finds the same hits on every address of emails.tsv, and the readings listed are found.
@Suite struct WordPhaseAddressReadingTests {
    /// The leet reading of the two words of ASCII letters joined by the first `@` of `address`, when both
    /// have two letters or more.
    static func reading(of address: String) -> String? {
        let bytes = Array(address.lowercased().utf8)
        guard let at = bytes.firstIndex(of: UInt8(ascii: "@")) else { return nil }
        let isLetter = { (byte: UInt8) in byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
        let local = bytes[..<at].reversed().prefix(while: isLetter).reversed()
        let domain = bytes[(at + 1)...].prefix(while: isLetter)
        guard local.count >= 2, domain.count >= 2 else { return nil }
        return String(decoding: local + [UInt8(ascii: "a")] + domain, as: UTF8.self)
    }

    @Test func listedReadingsAgreeOnEveryAddress() throws {
        let addresses = try EmailTestData.emailRows().map(\.address)
        let readings = Array(Set(addresses.compactMap(Self.reading))).sorted()
        #expect(readings.count > 80)
        var patterns: [WordListEntry] = []
        for (index, reading) in readings.enumerated() where index % 2 == 0 {
            let pattern: String
            switch index % 4 {
            case 0: pattern = reading
            case 1: pattern = String(reading.prefix(5)) + "*"
            case 2: pattern = "*" + String(reading.suffix(4))
            default: pattern = reading + " com"
            }
            patterns.append(WordListEntry(action: .hold, pattern: pattern))
        }
        // Filler entries, so the filters have many bits set and some readings pass them unlisted.
        for first in ["ma", "jo", "in", "co", "sa", "da", "ex", "us", "te", "an"] {
            for second in ["ri", "hn", "fo", "nt", "le", "vi", "am", "er", "st", "na"] {
                patterns.append(WordListEntry(action: .flag, pattern: first + second + "xq"))
            }
        }
        let list = try WordList(entries: patterns)
        var mismatches: [String] = []
        var hits = 0
        for address in addresses {
            for text in [address, "mail \(address) now", address.uppercased()] {
                if let mismatch = PlainTextScanTests.mismatch(list, text) { mismatches.append(mismatch) }
                hits += list.hits(in: text).count
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(hits > 100)
    }

    @Test func aListedReadingIsFound() throws {
        let list = try WordList(entries: [
            WordListEntry(action: .reject, pattern: "smithaexample"), WordListEntry(action: .hold, pattern: "*aexample"),
            WordListEntry(action: .flag, pattern: "smit*"), WordListEntry(action: .flag, pattern: "zzzz"),
        ])
        // "smit*" twice: on "smith" and on the reading "smithaexample".
        #expect(
            list.hits(in: "smith@example.com").map(\.entry.pattern).sorted() == ["*aexample", "smit*", "smit*", "smithaexample"])
        #expect(list.hits(in: "jones@example.com").map(\.entry.pattern) == ["*aexample"])
        #expect(list.hits(in: "jones@elsewhere.com").isEmpty)
    }
}

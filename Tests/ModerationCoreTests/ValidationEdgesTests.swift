import Testing

@testable import ModerationCore

/// The judge's shortcuts in validation agree with the general definitions: the control-character search
/// that tests blocks of sixteen and sixty-four bytes (and a field's last bytes as one block) finds what
/// the scalar definition finds, wherever the character sits; the email's normalized form alone is the one
/// full validation gives.
@Suite struct ValidationEdgesTests {
    /// Characters the control search stops at or must step over, one or more bytes long.
    static let pieces = [
        "\u{0}", "\u{1}", "\t", "\n", "\r", "\r\n", "\u{1F}", " ", "\u{7F}", "\u{80}", "\u{85}", "\u{9F}", "\u{A0}",
        "\u{BF}", "é", "\u{200B}", "😀", "x",
    ]

    @Test func controlSearchAgreesAtEveryOffsetAndLength() {
        var mismatches: [String] = []
        var compared = 0
        for piece in Self.pieces {
            for length in [0, 1, 2, 7, 14, 15, 16, 17, 31, 33, 63, 64, 65, 100, 130, 200] {
                for offset in Set([0, 1, length / 2, max(0, length - 1), length]) where offset <= length {
                    let filler = Array(repeating: "a", count: length)
                    let text = filler[..<offset].joined() + piece + filler[offset...].joined()
                    for multiline in [false, true] {
                        let fast = FieldValidator.refusedControlCharacter(in: text, multiline: multiline)
                        let reference = Reference.refusedControlCharacter(in: text, multiline: multiline)
                        if fast != reference { mismatches.append("\(text.debugDescription) multiline \(multiline)") }
                        compared += 1
                    }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(compared > 1_000)
    }

    @Test func controlSearchAgreesOnRandomMixes() {
        var generator = SplitMix64(seed: 0xED6E5)
        var mismatches: [String] = []
        for _ in 0..<5_000 {
            let count = Int(generator.next() % 150)
            var text = ""
            for _ in 0..<count {
                // Mostly prose, now and then one of the pieces the search must judge.
                text += generator.next() % 9 == 0
                    ? Self.pieces[Int(generator.next() % UInt64(Self.pieces.count))] : "abc de"
            }
            for multiline in [false, true]
            where FieldValidator.refusedControlCharacter(in: text, multiline: multiline)
                != Reference.refusedControlCharacter(in: text, multiline: multiline)
            {
                mismatches.append(text.debugDescription)
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test func normalizedFormIsValidationsOnEveryRowAndCorpus() throws {
        let validator = EmailValidator()
        var addresses = try EmailTestData.emailRows().map(\.address)
        addresses += (try? HTMLTestCorpora.naughtyStrings()) ?? []
        // Addresses as forms send them: already normalized, with capitals in either part, role mailboxes.
        for local in ["john.doe", "John.Doe", "POSTMASTER", "info", "Info.Desk", "a", "x_y+tag", "reader42"] {
            for domain in ["example.org", "EXAMPLE.org", "mail.Example.COM", "b.c", "xn--bcher-kva.example", "web.de"] {
                addresses.append(local + "@" + domain)
            }
        }
        var fastAccepted = 0
        for address in addresses {
            let expected = validator.validate(address).map(\.normalized)
            #expect(validator.normalized(address) == expected, "\(address.debugDescription)")
            if let (normalized, atIndex) = ASCIIFastPath.normalized(address) {
                fastAccepted += 1
                #expect(Array(normalized.utf8)[atIndex] == UInt8(ascii: "@"))
                #expect(Array(normalized.utf8).filter { $0 == UInt8(ascii: "@") }.count == 1)
            }
        }
        #expect(fastAccepted > 80)
    }

    /// The byte loops' answer: the @-sign and the last label's start, as `blockParts` gives them.
    static func loopParts(_ bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int)? {
        guard let at = ASCIIFastPath.localPartEnd(bytes),
              let label = ASCIIFastPath.hostnameLastLabelStart(bytes, from: at + 1)
        else { return nil }
        return (at, label)
    }

    @Test func blockSplitAgreesWithTheByteLoops() throws {
        var generator = SplitMix64(seed: 0xB10C5)
        // Every byte value once in each part, then random addresses from the characters the rules name.
        var addresses = try EmailTestData.emailRows().map(\.address)
        for byte in UInt8(1)...UInt8(127) {
            let character = String(UnicodeScalar(byte))
            addresses += ["a\(character)b@example.org", "ab@ex\(character)ample.org", "ab@example.o\(character)", "\(character)@x.yz"]
        }
        let alphabet = Array("aZ09.-@_+!#'`{~\\\" :é".unicodeScalars)
        for _ in 0..<30_000 {
            var address = ""
            for _ in 0..<Int(generator.next() % 70) {
                address.unicodeScalars.append(generator.next() % 3 == 0 ? alphabet[Int(generator.next() % UInt64(alphabet.count))] : "x")
            }
            if generator.next() % 2 == 0 { address += ["@example.org", "@a.b", "@x-y.c0m", "@.x.y", "@x..y", "@x.y-"][Int(generator.next() % 6)] }
            addresses.append(address)
        }
        var agreed = 0
        var accepted = 0
        for address in addresses {
            let bytes = Array(address.utf8)
            guard (1...ASCIIFastPath.blockLimit).contains(bytes.count) else { continue }
            bytes.withUnsafeBufferPointer { buffer in
                let block = ASCIIFastPath.blockParts(buffer)
                let loops = Self.loopParts(buffer)
                #expect(block?.atIndex == loops?.0 && block?.lastLabelStart == loops?.1, "\(address.debugDescription)")
                if block != nil { accepted += 1 }
                agreed += 1
            }
        }
        #expect(agreed > 20_000)
        #expect(accepted > 1_000)
    }
}

import Foundation
import Testing

@testable import ModerationCore

/// The body scan that keeps what it learns of each non-ASCII scalar for the life of the process
/// (``BodyScan/KindCache``) counts and marks what asking each scalar's properties finds, whether the
/// scalar is met for the first time or again, and whether other scalars took its slot in between: on
/// texts of thousands of distinct scalars of every kind (letters of cased and uncased scripts, marks,
/// digits, symbols, emoji, format and space characters), scanned one after the other and side by side.
@Suite struct BodyPhaseKindCacheTests {
    /// What the scan must find in `text`, from each scalar's properties.
    private struct Expected: Equatable {
        var capitals = 0, lowercase = 0
        var words = 0..<0, names = 0..<0
        var singleScalars = true

        init(_ text: String) {
            var offset = 0
            for scalar in text.unicodeScalars {
                let length = String(scalar).utf8.count
                defer { offset += length }
                guard !scalar.isASCII else {
                    if scalar.properties.isUppercase { capitals += 1 } else if scalar.properties.isLowercase { lowercase += 1 }
                    continue
                }
                let properties = ScalarPropertyCache.shared.properties(of: scalar)
                switch properties.category {
                case .uppercaseLetter, .titlecaseLetter: capitals += 1
                case .lowercaseLetter: lowercase += 1
                default: break
                }
                if !properties.standsAlone { singleScalars = false }
                if ContentSignals.isWordCharacter(scalar, properties) {
                    words = (words.isEmpty ? offset : words.lowerBound)..<offset + length
                }
                if LinkScanner.isDomainCharacter(properties) {
                    names = (names.isEmpty ? offset : names.lowerBound)..<offset + length
                }
            }
        }

        init(_ scan: BodyScan) {
            (capitals, lowercase) = (scan.capitals, scan.lowercase)
            (words, names, singleScalars) = (scan.nonASCIIWords, scan.nonASCIINames, scan.singleScalarCharacters)
        }
    }

    private static func scanned(_ text: String) -> Expected {
        var text = text
        return text.withUTF8 { Expected(BodyScan($0)) }
    }

    /// Texts of scalars from many blocks, far more distinct ones than the cache has slots.
    private static let texts: [String] = {
        let ranges: [ClosedRange<UInt32>] = [
            0xA0...0x24F, 0x300...0x36F, 0x370...0x3FF, 0x400...0x52F, 0x590...0x6FF, 0x900...0x97F, 0xE00...0xE7F,
            0x1100...0x11FF, 0x1E00...0x1FFF, 0x2000...0x206F, 0x20A0...0x20CF, 0x2100...0x218F, 0x2190...0x23FF,
            0x2460...0x27BF, 0x3000...0x30FF, 0x4E00...0x4FFF, 0xAC00...0xADFF, 0xFE00...0xFE0F, 0xFEFF...0xFEFF,
            0xFF00...0xFFEF, 0x1F300...0x1F6FF, 0x1F900...0x1F9FF, 0xE0020...0xE007F,
        ]
        let scalars = ranges.flatMap { $0.compactMap(Unicode.Scalar.init) }
        var generator = SplitMix64(seed: 0xCAC4E)
        var texts: [String] = []
        // Each scalar in turn beside ASCII, then random mixes that meet scalars again after others.
        for start in stride(from: 0, to: scalars.count, by: 40) {
            let chunk = scalars[start..<min(start + 40, scalars.count)]
            texts.append(chunk.map { "a" + String($0) }.joined(separator: " "))
        }
        for _ in 0..<1_500 {
            let count = Int.random(in: 1...60, using: &generator)
            texts.append(String(String.UnicodeScalarView((0..<count).map { _ in
                Int.random(in: 0..<3, using: &generator) == 0 ? "x" : scalars.randomElement(using: &generator) ?? "x"
            })))
        }
        return texts
    }()

    @Test func agreesFirstTimeAndAgain() {
        #expect(Self.texts.count > 1_000)
        for _ in 0..<2 {
            for text in Self.texts {
                #expect(Self.scanned(text) == Expected(text), "\(text.debugDescription)")
            }
        }
    }

    /// Bodies longer than the lead bytes the scan marks, counted after the others: non-ASCII characters on
    /// both sides of the marks' end, and only past it, at every offset around it.
    @Test func agreesPastTheMarks() {
        let cover = BodyScan.LinkMarks.covered
        var compared = 0
        for piece in ["é", "Ж", "😀", "\u{FEFF}", "ünïcödé wörd", "日本", "e\u{301}"] {
            for before in cover - 70...cover + 70 {
                let ascii = String(repeating: "a", count: before)
                for text in [ascii + piece + " x", "ß " + ascii + piece, "ß" + ascii + " end", ascii + piece + ascii + piece] {
                    #expect(Self.scanned(text) == Expected(text), "\(before) \(piece.debugDescription)")
                    compared += 1
                }
            }
        }
        for text in FastPathCorpus.joined(Self.texts, bytes: 3_000) {
            #expect(Self.scanned(text) == Expected(text), "\(text.debugDescription)")
            compared += 1
        }
        #expect(compared > 3_900)
    }

    @Test func agreesSideBySide() async {
        let expected = Self.texts.map { Expected($0) }
        // Several scans at once, each over the texts from its own starting point, racing for the slots.
        let mismatches = await withTaskGroup(of: Int.self) { group in
            for lane in 0..<4 {
                group.addTask {
                    var mismatches = 0
                    for step in 0..<Self.texts.count {
                        let index = (step + lane * Self.texts.count / 4) % Self.texts.count
                        if Self.scanned(Self.texts[index]) != expected[index] { mismatches += 1 }
                    }
                    return mismatches
                }
            }
            return await group.reduce(0, +)
        }
        #expect(mismatches == 0)
    }
}

import Foundation
import Testing

@testable import ModerationCore

/// The scalar table keeps scalars outside its precomputed ranges in pages filled on first sight, read
/// without locks, and in a locked cache once its pages are all made: whichever way, and however many
/// threads ask at once, an entry is what ICU computes for the scalar.
@Suite struct WordPhaseScalarTableTests {
    /// A few scalars from each of 334 blocks (more than the table makes pages for, so the cache is used
    /// too): emoji, symbols, Hangul, Han, private use, unassigned code points, the supplementary planes.
    static let scalars: [Unicode.Scalar] = {
        let blocks = Array(stride(from: 0x2100, to: 0xD800, by: 0x100)) + Array(stride(from: 0xE000, to: 0x1_0000, by: 0x400))
            + Array(stride(from: 0x1_0000, to: 0x11_0000, by: 0x2000)) + Array(stride(from: 0x1F300, to: 0x1FB00, by: 0x100))
        return blocks.flatMap { block in [0, 1, 0x41, 0x9C, 0xFF].compactMap { Unicode.Scalar(UInt32(block + $0)) } }
    }()

    static func describe(_ kind: ScalarKind, _ leet: UInt8, _ traits: WordTraits, _ units: UInt8, _ marks: (Bool, Bool), _ bytes: [UInt8]) -> String {
        "\(kind) \(leet) \(traits.rawValue) \(units) \(marks.0) \(marks.1) \(bytes)"
    }

    static func stored(_ scalar: Unicode.Scalar) -> String {
        ScalarTable.shared.withEntry(scalar) {
            describe($0.kind, $0.leetLetter, $0.traits, $0.units, ($0.startsWithMark, $0.endsWithMark), Array($0.bytes))
        }
    }

    @Test func entriesAreWhatICUComputesFromEveryThread() async {
        let expected = Self.scalars.map { scalar in
            let info = ScalarInfo(computing: scalar)
            return Self.describe(info.kind, info.leetLetter, info.traits, info.units, (info.startsWithMark, info.endsWithMark), info.bytes)
        }
        // Eight tasks at once, each in its own order, so first sights race.
        let results = await withTaskGroup(of: [String].self) { group in
            for task in 0..<8 {
                group.addTask {
                    let order = task % 2 == 0 ? Array(Self.scalars.indices) : Self.scalars.indices.reversed()
                    var seen = [String](repeating: "", count: Self.scalars.count)
                    for index in order { seen[index] = Self.stored(Self.scalars[index]) }
                    return seen
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        for seen in results { #expect(seen == expected) }
        // Once stored, read again the same.
        #expect(Self.scalars.map(Self.stored) == expected)
    }
}

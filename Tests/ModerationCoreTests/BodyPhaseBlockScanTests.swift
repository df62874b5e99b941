import ByteMasks
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@testable import ModerationCore

/// The body scan's kilobyte classification (cm_body_blocks.h) gives, with every instruction set this
/// machine runs, what reading each byte gives: on texts of every length from 0 to 200 and past several
/// kilobytes, random bytes, the corpora, markers and runs at every position relative to a 64-byte
/// boundary and to the end, every run length, and texts that end where readable memory ends.
@Suite struct BodyPhaseBlockScanTests {
    /// What a scan found.
    private struct Scan: Equatable, CustomStringConvertible {
        var marks: [UInt64] = []
        var markers: [UInt64] = []
        var runs: UInt64 = 0
        var upper = 0, lower = 0
        var marked: UInt32 = 0, leading: UInt32 = 0
        var controls = false

        var description: String {
            "marks \(marks) markers \(markers) runs \(runs) upper \(upper) lower \(lower) marked \(marked) leading \(leading) controls \(controls)"
        }
    }

    private static let levels: [cm_body_level] = [CM_BODY_PLAIN, CM_BODY_SSE2, CM_BODY_AVX2, CM_BODY_AVX512]

    /// The levels this machine runs, the plain loops first.
    private static var supported: [cm_body_level] { levels.filter { cm_body_level_supported($0) != 0 } }

    private static func scan(
        _ level: cm_body_level?, _ text: UnsafeBufferPointer<UInt8>, start: Int, runEnd: Int, runLast: Int
    ) -> Scan {
        var marks = [UInt64](repeating: 0, count: 2 * Int(CM_BODY_CHUNK_BLOCKS))
        var chunk = cm_body_chunk()
        let base = text.baseAddress ?? UnsafePointer(bitPattern: 1).unsafelyUnwrapped
        marks.withUnsafeMutableBufferPointer { marks in
            if let level {
                cm_body_scan_level(level, base, text.count, start, runEnd, runLast, marks.baseAddress, &chunk)
            } else {
                cm_body_scan(base, text.count, start, runEnd, runLast, marks.baseAddress, &chunk)
            }
        }
        let blocks = max(0, min(Int(CM_BODY_CHUNK_BLOCKS), (text.count - start + 63) / 64))
        let markers = withUnsafeBytes(of: &chunk.markers) { Array($0.bindMemory(to: UInt64.self).prefix(blocks)) }
        return Scan(
            marks: Array(marks.prefix(2 * blocks)), markers: markers, runs: chunk.runs, upper: Int(chunk.upper),
            lower: Int(chunk.lower), marked: chunk.marked, leading: chunk.leading, controls: chunk.controls != 0)
    }

    /// The same by reading each byte, from the header's definitions.
    private static func reference(_ b: UnsafeBufferPointer<UInt8>, start: Int, runEnd: Int, runLast: Int) -> Scan {
        var scan = Scan()
        let end = min(b.count, start + 64 * Int(CM_BODY_CHUNK_BLOCKS))
        guard start < end else { return scan }
        for block in 0..<(end - start + 63) / 64 {
            var (links, leads, markers): (UInt64, UInt64, UInt64) = (0, 0, 0)
            for offset in 0..<64 where start + block * 64 + offset < b.count {
                let i = start + block * 64 + offset
                let byte = b[i]
                let bit: UInt64 = 1 << UInt64(offset)
                if (0x41...0x5A).contains(byte) { scan.upper += 1 }
                if (0x61...0x7A).contains(byte) { scan.lower += 1 }
                if byte >= 0xC0 { leads |= bit }
                if "<:=&%".utf8.contains(byte) { markers |= bit }
                if BodyPhaseLinkMarkTests.isMarker(b, i, nonASCII: false) { links |= bit }
                if (byte < 0x20 && byte != 0x09 && byte != 0x0A) || byte == 0x7F { scan.controls = true }
            }
            scan.marks += [links, leads]
            scan.markers.append(markers)
            if markers != 0 { scan.marked |= 1 << UInt32(block) }
            if leads != 0 { scan.leading |= 1 << UInt32(block) }
        }
        for lane in 0..<64 {
            let first = start + 16 * lane
            guard first < runEnd, runLast >= 1, first + 16 + runLast <= b.count else { continue }
            let candidate = (first..<first + 16).contains { i in
                b[i] > 0x20 && b[i] < 0x80 && b[i] == b[i + 1] && b[i] == b[i + runLast]
            }
            if candidate { scan.runs |= 1 << UInt64(lane) }
        }
        return scan
    }

    /// Every level and the chosen one agree with the reference on `bytes`, from each kilobyte, with runs
    /// looked for as the body scan asks (`minimum` 2, 3, 5, 17 and 40) and up to lanes it would not ask for.
    private static func expectAgrees(_ bytes: UnsafeBufferPointer<UInt8>, _ label: @autoclosure () -> String) -> Int {
        var compared = 0
        for start in stride(from: 0, to: max(bytes.count, 1), by: 1024) {
            for minimum in [2, 3, 5, 17, 40] {
                let candidates = BodyScan.RunCandidates(minimum: minimum, count: bytes.count)
                for runEnd in Set([candidates.covered * 16, bytes.count + 64, start + 512]) {
                    let expected = reference(bytes, start: start, runEnd: runEnd, runLast: minimum - 1)
                    for level in [nil] + supported.map(Optional.some) {
                        let found = scan(level, bytes, start: start, runEnd: runEnd, runLast: minimum - 1)
                        guard found == expected else {
                            Issue.record("level \(level.map { String($0.rawValue) } ?? "chosen") from \(start), runs of \(minimum) below \(runEnd): \(found) != \(expected) in \(label())")
                            return compared
                        }
                        compared += 1
                    }
                }
            }
        }
        return compared
    }

    private static func expectAgrees(_ text: String) -> Int {
        var copy = text
        return copy.withUTF8 { expectAgrees($0, text.debugDescription) }
    }

    @Test func everyLevelIsSupportedOrPlain() {
        #expect(cm_body_level_supported(CM_BODY_PLAIN) != 0)
        #if arch(x86_64)
        #expect(cm_body_level_supported(CM_BODY_SSE2) != 0)
        #endif
    }

    @Test func agreesAtEveryLength() {
        var compared = 0
        for text in BodyPhaseMaskTests.texts { compared += Self.expectAgrees(text) }
        #expect(compared > 10_000)
    }

    @Test func agreesOnCorpora() throws {
        var texts = try HTMLTestCorpora.naughtyStrings() + HTMLTestCorpora.xssPayloads()
        texts += FastPathCorpus.joined(FastPathCorpus.youTubeComments(), bytes: 1_500)
        texts += FastPathCorpus.random(count: 300, seed: 0xB10C)
        var compared = 0
        for text in texts { compared += Self.expectAgrees(text) }
        #expect(compared > 10_000)
    }

    /// Random bytes, valid UTF-8 or not, of every length up to 3 KB; and bytes of one kind (markers,
    /// controls, letters, lead bytes, repeated bytes) from a few values, so that each meets the others.
    @Test func agreesOnRandomBytes() {
        var generator = SplitMix64(seed: 0xB1B5)
        let interesting = Array("<:=&%./-,\t\n\r aAzZ@[`{!!".utf8) + [0x00, 0x1F, 0x20, 0x21, 0x7E, 0x7F, 0x80, 0xBF, 0xC0, 0xC2, 0xEF, 0xFF]
        var compared = 0
        for length in stride(from: 0, through: 3_100, by: 7) {
            let random = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let picked = (0..<length).map { _ in interesting.randomElement(using: &generator) ?? 0 }
            let runs = (0..<length).map { _ in Int.random(in: 0..<9, using: &generator) == 0 ? 0x41 : UInt8(ascii: "!") }
            for bytes in [random, picked, runs] {
                compared += bytes.withUnsafeBufferPointer { Self.expectAgrees($0, "\(bytes)") }
            }
        }
        #expect(compared > 10_000)
    }

    /// Texts that end on the last byte of readable memory, the page after them unreadable: no level reads
    /// past the text (a read there would stop the tests).
    @Test func readsNothingPastTheText() throws {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        guard let memory = mmap(nil, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              memory != MAP_FAILED
        else { throw GuardPageUnavailable() }
        defer { munmap(memory, 2 * page) }
        let guardPage = memory + page
        #expect(mprotect(guardPage, page, PROT_NONE) == 0)
        var generator = SplitMix64(seed: 0x9A6E)
        let pieces = Array("aaaaaaa<:=&%. :/ A\u{FEFF}é😀!!!!!!!!!!!!!!!!!!!!".utf8)
        var compared = 0
        for length in Array(0...200) + [1023, 1024, 1025, 2047, 2048, 2100] {
            let text = guardPage.assumingMemoryBound(to: UInt8.self) - length
            for index in 0..<length { text[index] = pieces.randomElement(using: &generator) ?? 0 }
            compared += Self.expectAgrees(UnsafeBufferPointer(start: text, count: length), "\(length) bytes before the guard page")
        }
        #expect(compared > 1_000)
    }

    private struct GuardPageUnavailable: Error {}
}

import Foundation
import UnicodeSupport

@testable import ModerationCore

/// Straightforward implementations of what the fast paths compute, written on Unicode scalars and
/// characters with the standard library's properties: the oracle the fast paths must agree with.
enum Reference {
    // MARK: - Field validation

    static func trimmed(_ text: String) -> String { FieldValidator.trimmedScalars(text) }

    static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.properties.isWhitespace || $0.properties.isDefaultIgnorableCodePoint }
    }

    static func refusedControlCharacter(in text: String, multiline: Bool) -> Unicode.Scalar? {
        FieldValidator.refusedControlScalar(in: text, multiline: multiline)
    }

    // MARK: - Website URL

    static func websiteProblem(in url: String) -> String? {
        if url.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control }) {
            return "it contains a space or a control character"
        }
        if url.contains("\\") { return "it contains a backslash" }
        let scheme: String
        switch WebsiteURLSyntax.webScheme(of: url) {
        case .success(let found): scheme = found
        case .failure(let problem): return problem.clause
        }
        let afterScheme = url.unicodeScalars.dropFirst(scheme.count + 3)
        let authority = Substring(afterScheme.prefix { $0 != "/" && $0 != "?" && $0 != "#" })
        if authority.contains("@") {
            return "it has a user name or password before the host, a common disguise for the real host"
        }
        return WebsiteURLSyntax.problem(inAuthority: authority)
    }

    // MARK: - Content signals

    /// Runs of one character (compared byte for byte) of `minimum` or more, each character once with its
    /// longest run, in the order their first long run ended. White space ends a run and is never one. A
    /// lone ASCII character counts as white space when it is a control or space, except right before a
    /// non-ASCII character, where its Unicode White_Space property decides; other characters go by their
    /// first scalar's White_Space.
    static func repeatedRuns(in text: String, minimum: Int) -> [(grapheme: String, length: Int)] {
        var found: [(grapheme: String, length: Int)] = []
        var current: String?
        var length = 0
        func close() {
            if let run = current, length >= minimum {
                if let known = found.firstIndex(where: { $0.grapheme.utf8.elementsEqual(run.utf8) }) {
                    found[known].length = max(found[known].length, length)
                } else {
                    found.append((run, length))
                }
            }
            current = nil
            length = 0
        }
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(after: index)
            let character = String(text[index..<next])
            let scalars = character.unicodeScalars
            let first = scalars[scalars.startIndex]
            let isWhitespace: Bool
            if scalars.count == 1, first.isASCII {
                let beforeNonASCII = next < text.endIndex && text.utf8[next] >= 0x80
                isWhitespace = beforeNonASCII ? first.properties.isWhitespace : first.value <= 0x20
            } else {
                isWhitespace = first.properties.isWhitespace
            }
            if let run = current, !isWhitespace, run.utf8.elementsEqual(character.utf8) {
                length += 1
            } else {
                close()
                if !isWhitespace {
                    current = character
                    length = 1
                }
            }
            index = next
        }
        close()
        return found
    }

    /// The share of capitals among cased letters (general categories Lu and Lt against Ll), as the
    /// `mostly_capitals` reason shows it, when there are at least `minimum` and the share reaches `ratio`.
    static func capitalsShare(in text: String, ratio: Double, minimum: Int) -> String? {
        var upper = 0
        var lower = 0
        for scalar in text.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .titlecaseLetter: upper += 1
            case .lowercaseLetter: lower += 1
            default: break
            }
        }
        let cased = upper + lower
        guard cased > 0, cased >= minimum, Double(upper) / Double(cased) >= ratio else { return nil }
        return "\(upper * 100 / cased)%"
    }

    /// Character references and percent-escapes decoded, up to three rounds, then ASCII lower-cased:
    /// byte by byte, each round into a new array.
    static func scriptDecoded(_ text: String) -> [UInt8] {
        func isEncoded(_ text: [UInt8]) -> Bool { text.contains(UInt8(ascii: "&")) || text.contains(UInt8(ascii: "%")) }
        var text = Array(text.utf8)
        for _ in 0..<3 where isEncoded(text) {
            var output: [UInt8] = []
            var index = 0
            while index < text.count {
                let byte = text[index]
                if byte == UInt8(ascii: "%"), index + 2 < text.count, let high = ScriptContent.hexValue(text[index + 1]),
                   let low = ScriptContent.hexValue(text[index + 2]) {
                    output.append(high << 4 | low)
                    index += 3
                } else if byte == UInt8(ascii: "&"), let (decoded, length) = ScriptContent.characterReference(text, at: index) {
                    output += decoded
                    index += length
                } else {
                    output.append(byte)
                    index += 1
                }
            }
            if output == text { break }
            text = output
        }
        return text.map { ("A"..."Z").contains(Unicode.Scalar($0)) ? $0 + 0x20 : $0 }
    }

    /// Words of letters, marks, digits and the joiners ZWNJ and ZWJ with a non-ASCII character in them,
    /// whose scripts (Common and Inherited left out) are two or more, one of them Latin, Cyrillic or
    /// Greek, and that ICU's highly restrictive level refuses; each once, at most ten.
    static func mixedScriptWords(in text: String) -> [String] {
        func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
            if scalar.isASCII { return scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) }
            if scalar == "\u{200C}" || scalar == "\u{200D}" { return true }
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
                return true
            default:
                return false
            }
        }
        var words: [String] = []
        var word = String.UnicodeScalarView()
        for scalar in text.unicodeScalars + ["."] {
            if isWordScalar(scalar) {
                word.append(scalar)
                continue
            }
            defer { word = String.UnicodeScalarView() }
            guard word.contains(where: { !$0.isASCII }), words.count < 10 else { continue }
            let scripts = Set(word.map { cm_script_of($0.value) }.filter { $0 > 1 })
            guard scripts.count > 1, !scripts.isDisjoint(with: [8, 14, 25]) else { continue }
            var candidate = String(word)
            let restrictive = candidate.withUTF8 { bytes in
                bytes.withMemoryRebound(to: CChar.self) { cm_is_highly_restrictive($0.baseAddress, Int32(bytes.count)) }
            }
            if restrictive == 0, !words.contains(candidate) { words.append(candidate) }
        }
        return words
    }
}

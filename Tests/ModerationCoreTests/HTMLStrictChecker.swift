import Foundation

/// Reads renderer output and names the first thing in it that the renderer must never emit: any tag
/// but `<p>`, `</p>`, `<br>`, `<a href="http(s)://…" rel="nofollow ugc noopener">`, `</a>` (properly
/// nested), a bare `<`, `>`, `"` or `'`, an `&` that does not start one of the renderer's entities, a
/// control character other than LF and tab, or text outside a paragraph.
enum HTMLStrictChecker {
    static let entities = ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
    static let anchorOpen = "<a href=\""
    static let anchorRest = "\" rel=\"nofollow ugc noopener\">"

    static func problem(in html: String) -> String? {
        let text = Array(html.unicodeScalars)
        var index = 0
        var inParagraph = false
        var inAnchor = false
        func at(_ literal: String) -> Bool {
            let scalars = Array(literal.unicodeScalars)
            return index + scalars.count <= text.count && Array(text[index..<index + scalars.count]) == scalars
        }
        while index < text.count {
            let scalar = text[index]
            if !inParagraph, scalar != "<", scalar != "\n" { return "text outside a paragraph at \(index)" }
            switch scalar {
            case "<":
                if at("<p>"), !inParagraph {
                    inParagraph = true
                    index += 3
                } else if at("</p>"), inParagraph, !inAnchor {
                    inParagraph = false
                    index += 4
                } else if at("<br>"), inParagraph, !inAnchor {
                    index += 4
                } else if at("</a>"), inAnchor {
                    inAnchor = false
                    index += 4
                } else if at(anchorOpen), inParagraph, !inAnchor {
                    index += anchorOpen.unicodeScalars.count
                    let valueStart = index
                    while index < text.count, text[index] != "\"" {
                        if text[index] == "<" || text[index] == ">" || text[index] == "'" { return "bad href character at \(index)" }
                        if text[index] == "&", !entities.contains(where: at) { return "bad entity in href at \(index)" }
                        index += 1
                    }
                    var href = String(String.UnicodeScalarView(text[valueStart..<min(index, text.count)])).lowercased()
                    href = href.replacingOccurrences(of: "&amp;", with: "&")
                    guard href.hasPrefix("http://") || href.hasPrefix("https://") else { return "href not http(s): \(href)" }
                    guard href.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F }) else {
                        return "space or control in href"
                    }
                    guard at(anchorRest) else { return "unexpected anchor attributes at \(index)" }
                    index += anchorRest.unicodeScalars.count
                    inAnchor = true
                } else {
                    return "disallowed tag at \(index)"
                }
            case ">", "\"", "'":
                return "bare \(scalar) at \(index)"
            case "&":
                guard entities.contains(where: at) else { return "bad entity at \(index)" }
                index += 1
            default:
                let value = scalar.value
                if (value < 0x20 && value != 0x0A && value != 0x09) || (value >= 0x7F && value <= 0x9F) {
                    return "control U+\(String(value, radix: 16)) at \(index)"
                }
                index += 1
            }
        }
        if inAnchor || inParagraph { return "unclosed element" }
        return nil
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether text is shaped like a host name or an IP address. Purely syntactic (no DNS, no IDNA mapping):
/// labels of letters, marks, digits and inner hyphens, so internationalized names such as `例え.jp` pass
/// as typed, and punycode (`xn--r8jz45g.jp`) passes as ASCII.
enum HostNameSyntax {
    /// - Parameter allowSingleLabel: whether `localhost` or a bare TLD (`ru`) is acceptable: yes for
    ///   policy domain lists, no for a commenter's website, which must be a public name or an address.
    static func isValid(_ text: String, allowSingleLabel: Bool) -> Bool {
        let host = text.hasSuffix(".") ? String(text.dropLast()) : text
        let scalarCount = host.unicodeScalars.count
        guard scalarCount > 0, scalarCount <= 253 else { return false }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard allowSingleLabel || labels.count >= 2 else { return false }
        // As in the WHATWG URL parser, a name whose last label is numeric can only be an IPv4 address;
        // inet_pton accepts exactly the four-part decimal form, not `0x7f.1` or `2130706433` tricks.
        if let last = labels.last, !last.isEmpty, last.utf8.allSatisfy({ (0x30...0x39).contains($0) }) {
            return isIPv4(host)
        }
        return labels.allSatisfy(isValidLabel)
    }

    static func isIPv4(_ text: String) -> Bool { parsesAsAddress(text, family: AF_INET) }

    static func isIPv6(_ text: String) -> Bool { parsesAsAddress(text, family: AF_INET6) }

    private static func isValidLabel(_ label: Substring) -> Bool {
        let scalars = label.unicodeScalars
        guard let first = scalars.first, let last = scalars.last, scalars.count <= 63,
              first != "-", last != "-"
        else { return false }
        return scalars.allSatisfy { scalar in
            if scalar.isASCII {
                return scalar == "-" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                    || ("0"..."9").contains(scalar)
            }
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber:
                return true
            default:
                return false
            }
        }
    }

    private static func parsesAsAddress(_ text: String, family: Int32) -> Bool {
        guard !text.utf8.contains(0) else { return false }
        var buffer = [UInt8](repeating: 0, count: 16)
        return text.withCString { inet_pton(family, $0, &buffer) } == 1
    }
}

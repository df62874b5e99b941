/// Bracketed IP addresses after the @-sign (RFC 5321 4.1.3). email-validator refuses them by default, so
/// validation only decides which explanation to give: what is wrong with the literal, or that literals are
/// not allowed. Parse errors are worded as Python's `ipaddress` words them.
enum EmailDomainLiteral {
    /// Always throws: the literal's own error, or that bracketed addresses are not allowed.
    static func reject(_ literal: [Unicode.Scalar]) throws(EmailSyntaxError) -> Never {
        if isDottedDigits(literal) {
            if let problem = ipv4Problem(literal[...]) {
                throw EmailSyntaxError(message: "The address in brackets after the @-sign is not valid: It is not an IPv4 address (\(problem)) or is missing an address literal tag.")
            }
        } else if literal.count >= 5, literal.prefix(5).map(asciiLowercase) == Array("ipv6:".unicodeScalars) {
            if let problem = ipv6Problem(literal.dropFirst(5)) {
                throw EmailSyntaxError(message: "The IPv6 address in brackets after the @-sign is not valid (\(problem)).")
            }
        } else if !literal.contains(":") {
            throw EmailSyntaxError(message: "The part after the @-sign in brackets is not an IPv4 address and has no address literal tag.")
        } else {
            let invalid = literal.filter { !(0x21...0xFA).contains($0.value) }
            if !invalid.isEmpty {
                throw EmailSyntaxError(message: "The part after the @-sign contains invalid characters in brackets: \(PythonText.sortedDisplays(invalid)).")
            }
            throw EmailSyntaxError(message: "The part after the @-sign contains an invalid address literal tag in brackets.")
        }
        throw EmailSyntaxError(message: "A bracketed IP address after the @-sign is not allowed here.")
    }

    private static func asciiLowercase(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        ("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32) ?? scalar : scalar
    }

    /// `re.match(r"^[0-9\.]+$", …)`, where `$` also matches before a final newline.
    private static func isDottedDigits(_ text: [Unicode.Scalar]) -> Bool {
        let body = text.last == "\n" ? text.dropLast() : text[...]
        return !body.isEmpty && body.allSatisfy { $0 == "." || ("0"..."9").contains($0) }
    }

    /// Why `ipaddress.IPv4Address(text)` fails, or nil when it parses.
    private static func ipv4Problem(_ text: ArraySlice<Unicode.Scalar>) -> String? {
        if text.contains("/") { return "Unexpected '/' in \(PythonText.repr(text))" }
        if text.isEmpty { return "Address cannot be empty" }
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        if octets.count != 4 { return "Expected 4 octets in \(PythonText.repr(text))" }
        for octet in octets {
            if let problem = octetProblem(octet) { return "\(problem) in \(PythonText.repr(text))" }
        }
        return nil
    }

    private static func octetProblem(_ octet: ArraySlice<Unicode.Scalar>) -> String? {
        if octet.isEmpty { return "Empty octet not permitted" }
        if !octet.allSatisfy({ ("0"..."9").contains($0) }) {
            return "Only decimal digits permitted in \(PythonText.repr(octet))"
        }
        if octet.count > 3 { return "At most 3 characters permitted in \(PythonText.repr(octet))" }
        if octet.count > 1 && octet.first == "0" { return "Leading zeros are not permitted in \(PythonText.repr(octet))" }
        let value = octet.reduce(0) { $0 * 10 + Int($1.value - 0x30) }
        return value > 255 ? "Octet \(value) (> 255) not permitted" : nil
    }

    /// Why `ipaddress.IPv6Address(text)` fails or is unfit for email (a zone index), or nil when it parses.
    private static func ipv6Problem(_ text: ArraySlice<Unicode.Scalar>) -> String? {
        if text.contains("/") { return "Unexpected '/' in \(PythonText.repr(text))" }
        var address = text
        var hasZone = false
        if let percent = text.firstIndex(of: "%") {
            let zone = text[(percent + 1)...]
            if zone.isEmpty || zone.contains("%") { return "Invalid IPv6 address: \"\(PythonText.repr(text))\"" }
            address = text[..<percent]
            hasZone = true
        }
        if let problem = ipv6AddressProblem(address) { return problem }
        return hasZone ? "It has a zone index" : nil
    }

    private static func ipv6AddressProblem(_ text: ArraySlice<Unicode.Scalar>) -> String? {
        let whole = PythonText.repr(text)
        if text.isEmpty { return "Address cannot be empty" }
        var parts = text.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count < 3 { return "At least 3 parts expected in \(whole)" }
        if let last = parts.last, last.contains(".") {
            // An IPv4 suffix stands for the last two hextets.
            if let problem = ipv4Problem(last) { return "\(problem) in \(whole)" }
            parts.removeLast()
            parts += [["0"], ["0"]]
        }
        let hextetCount = 8
        if parts.count > hextetCount + 1 { return "At most \(hextetCount) colons permitted in \(whole)" }

        var skipIndex: Int?
        for index in parts.indices.dropFirst().dropLast() where parts[index].isEmpty {
            if skipIndex != nil { return "At most one '::' permitted in \(whole)" }
            skipIndex = index
        }
        var leading: Int
        var trailing: Int
        if let skipIndex {
            leading = skipIndex
            trailing = parts.count - skipIndex - 1
            if parts[0].isEmpty {
                leading -= 1
                if leading > 0 { return "Leading ':' only permitted as part of '::' in \(whole)" }
            }
            if parts[parts.count - 1].isEmpty {
                trailing -= 1
                if trailing > 0 { return "Trailing ':' only permitted as part of '::' in \(whole)" }
            }
            if hextetCount - (leading + trailing) < 1 {
                return "Expected at most \(hextetCount - 1) other parts with '::' in \(whole)"
            }
        } else {
            if parts.count != hextetCount { return "Exactly \(hextetCount) parts expected without '::' in \(whole)" }
            if parts[0].isEmpty { return "Leading ':' only permitted as part of '::' in \(whole)" }
            if parts[parts.count - 1].isEmpty { return "Trailing ':' only permitted as part of '::' in \(whole)" }
            leading = parts.count
            trailing = 0
        }
        for hextet in parts.prefix(leading) + parts.suffix(trailing) {
            if !hextet.allSatisfy({ $0.properties.isASCIIHexDigit }) {
                return "Only hex digits permitted in \(PythonText.repr(hextet)) in \(whole)"
            }
            if hextet.count > 4 { return "At most 4 characters permitted in \(PythonText.repr(hextet)) in \(whole)" }
        }
        return nil
    }
}

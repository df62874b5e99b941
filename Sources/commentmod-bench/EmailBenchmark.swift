import Foundation
import ModerationCore

// swift run -c release commentmod-bench email [--file PATH] [--seconds N] [--only file|mix]
//     Addresses per second over the addresses of an emails.tsv file (default: ../shared/testdata/emails.tsv)
//     and over a realistic mix (mostly ordinary ASCII addresses, some internationalized, a few invalid).
// swift run commentmod-bench email --check PATH
//     Agreement with labelled rows in emails.tsv's format (address, expected, normalized, error; escaped):
//     counts of rows whose validity and normalized form agree, and of error messages that match exactly.
func runEmailBenchmark(arguments: [String]) {
    var file = defaultEmailFile()
    var seconds = 3.0
    var checkFile: String?
    var only: String?
    var index = 0
    while index < arguments.count {
        let value = index + 1 < arguments.count ? arguments[index + 1] : nil
        switch (arguments[index], value) {
        case ("--file", let path?): file = path
        // At least one pass is timed: a rate over no time would divide by zero.
        case ("--seconds", let text?): seconds = Double(text).map { max($0, 0.01) } ?? seconds
        case ("--check", let path?): checkFile = path
        case ("--only", let part?) where part == "file" || part == "mix": only = part
        default:
            print("usage: commentmod-bench email [--file PATH] [--seconds N] [--only file|mix] | --check PATH")
            return
        }
        index += 2
    }
    do {
        if let checkFile {
            try checkAgreement(rows: LabelledEmail.load(checkFile))
        } else {
            if only != "mix" {
                let fileAddresses = try LabelledEmail.load(file).map(\.address)
                measure("\(file) addresses (\(fileAddresses.count))", fileAddresses, seconds: seconds)
            }
            if only != "file" {
                let mix = realisticMix()
                measure("realistic mix (\(mix.count))", mix, seconds: seconds)
            }
        }
    } catch {
        print("email benchmark: \(error)")
    }
}

private func defaultEmailFile() -> String {
    benchmarkTestdata().appendingPathComponent("emails.tsv").path
}

private func measure(_ name: String, _ addresses: [String], seconds: Double) {
    let validator = EmailValidator()
    var valid = 0
    // One untimed pass warms caches (ICU data, IDNA class cache).
    for address in addresses { if case .success = validator.validate(address) { valid += 1 } }
    let clock = ContinuousClock()
    let limit = Duration.milliseconds(Int64(seconds * 1000))
    var validations = 0
    let start = clock.now
    let cpuStart = threadCPUTime()
    var elapsed = Duration.zero
    while elapsed < limit {
        for address in addresses {
            if case .success = validator.validate(address) { valid += 1 }
        }
        validations += addresses.count
        elapsed = clock.now - start
    }
    let cpu = threadCPUTime() - cpuStart
    let wall = elapsed.inSeconds
    // On a shared machine the wall-clock rate depends on the other load; CPU time gives the one-core rate.
    print("\(name): \(validations) validations in \(String(format: "%.2f", wall))s wall, \(String(format: "%.2f", cpu))s CPU: "
        + "\(Int(Double(validations) / wall)) addresses/s wall, \(Int(Double(validations) / cpu)) addresses/s per CPU second"
        + " (\(valid) valid)")
}

/// A row of a labelled file: the address, whether email-validator accepts it, and its normalized form or
/// error message.
private struct LabelledEmail {
    let address: String
    let isValid: Bool
    let normalized: String
    let error: String

    static func load(_ path: String) throws -> [LabelledEmail] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: true).dropFirst().map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { unescape(String($0)) }
            func field(_ index: Int) -> String { index < fields.count ? fields[index] : "" }
            return LabelledEmail(address: field(0), isValid: field(1) == "valid", normalized: field(2), error: field(3))
        }
    }

    /// Backslash escapes of testdata/README.md: `\\`, `\t`, `\n`, `\r`, `\xNN`, read left to right.
    private static func unescape(_ field: String) -> String {
        var scalars = Array(field.unicodeScalars)[...]
        var result = String.UnicodeScalarView()
        while let scalar = scalars.popFirst() {
            guard scalar == "\\", let code = scalars.popFirst() else {
                result.append(scalar)
                continue
            }
            switch code {
            case "t": result.append("\t")
            case "n": result.append("\n")
            case "r": result.append("\r")
            case "x":
                let digits = String(String.UnicodeScalarView(scalars.prefix(2)))
                scalars = scalars.dropFirst(2)
                result.append(UInt32(digits, radix: 16).flatMap(Unicode.Scalar.init) ?? "?")
            default: result.append(code)
            }
        }
        return String(result)
    }
}

private func checkAgreement(rows: [LabelledEmail]) {
    let validator = EmailValidator()
    var agreeing = 0
    var messagesMatching = 0
    var invalidRows = 0
    var shown = 0
    var shownMessages = 0
    for row in rows {
        let result = validator.validate(row.address)
        let agrees: Bool
        switch result {
        case .success(let email): agrees = row.isValid && email.normalized == row.normalized
        case .failure(let error):
            agrees = !row.isValid
            invalidRows += row.isValid ? 0 : 1
            if error.message == row.error {
                messagesMatching += 1
            } else if !row.isValid && shownMessages < 20 {
                shownMessages += 1
                print("MESSAGE \(row.address.debugDescription): expected \(row.error.debugDescription), got \(error.message.debugDescription)")
            }
        }
        if agrees {
            agreeing += 1
        } else if shown < 50 {
            shown += 1
            print("MISMATCH \(row.address.debugDescription): expected \(row.isValid ? "valid \(row.normalized.debugDescription)" : "invalid (\(row.error))"), got \(result)")
        }
    }
    print("\(agreeing)/\(rows.count) rows agree on validity and normalized form; \(messagesMatching)/\(invalidRows) error messages match exactly")
}

/// A mix shaped like a comment form's traffic: mostly ordinary addresses (mixed case, tags, digits,
/// subdomains), some internationalized ones, a few mistakes.
private func realisticMix() -> [String] {
    let names = ["john", "mary.smith", "j.doe", "alex_99", "Sam.Lee", "info", "ANNA", "p.o'brien", "kim+news", "dev-ops"]
    let domains = ["gmail.com", "example.org", "Mail.Company.co.uk", "yahoo.fr", "uni-koeln.de", "outlook.com",
                   "sub.domain.io", "web.de", "proton.me", "EXAMPLE.NET"]
    let international = ["josé@correo.es", "info@münchen.de", "почта@пример.рф", "用户@例子.广告", "ユーザー@例え.jp",
                         "user@xn--mnchen-3ya.de", "θέμα@παράδειγμα.ελ", "user@bücher.example.com"]
    let mistakes = ["john.gmail.com", "mary..smith@example.org", "sam@localhost", "a b@example.com", "bob@example..com"]
    var mix: [String] = []
    for (index, name) in names.enumerated() {
        for (offset, domain) in domains.enumerated() {
            mix.append("\(name)\(index * offset % 7 == 3 ? String(offset) : "")@\(domain)")
        }
    }
    // About 4% internationalized and 2.5% invalid, repeated to keep the proportions.
    mix += international.prefix(4)
    mix += mistakes.prefix(2)
    var result: [String] = []
    for round in 0..<2 {
        result += mix
        result += round == 0 ? international.suffix(4) : mistakes.suffix(3)
    }
    return result
}

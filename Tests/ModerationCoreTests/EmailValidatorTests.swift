import Testing

@testable import ModerationCore

@Suite("Email validation agrees with email-validator 2.4")
struct EmailValidatorTests {
    let validator = EmailValidator()

    @Test("every row of emails.tsv: validity and normalized form")
    func agreesWithLabelledRows() throws {
        let rows = try EmailTestData.emailRows()
        #expect(rows.count == 543)
        var mismatches: [String] = []
        var invalidRows = 0
        var matchingMessages = 0
        for row in rows {
            switch validator.validate(row.address) {
            case .success(let email):
                if !row.isValid {
                    mismatches.append("\(row.address.debugDescription): accepted as \(email.normalized.debugDescription), email-validator says \(row.error)")
                } else if email.normalized != row.normalized {
                    mismatches.append("\(row.address.debugDescription): normalized \(email.normalized.debugDescription), expected \(row.normalized.debugDescription)")
                }
            case .failure(let error):
                if row.isValid {
                    mismatches.append("\(row.address.debugDescription): rejected (\(error.message)), expected \(row.normalized.debugDescription)")
                } else {
                    invalidRows += 1
                    if error.message == row.error { matchingMessages += 1 }
                }
            }
        }
        print("emails.tsv: \(rows.count - mismatches.count)/\(rows.count) rows agree; \(matchingMessages)/\(invalidRows) error messages identical to email-validator's")
        #expect(mismatches.isEmpty, "\(mismatches.count) rows disagree:\n\(mismatches.joined(separator: "\n"))")
    }

    @Test("the parts of a validated address")
    func parts() throws {
        let role = try validator.validate("Postmaster@MÜNCHEN.de").get()
        #expect(role == ValidatedEmail(
            normalized: "postmaster@münchen.de", localPart: "postmaster", domain: "münchen.de",
            asciiDomain: "xn--mnchen-3ya.de", isInternationalized: false))

        let chinese = try validator.validate("用户@例子.广告").get()
        #expect(chinese == ValidatedEmail(
            normalized: "用户@例子.广告", localPart: "用户", domain: "例子.广告",
            asciiDomain: "xn--fsqu00a.xn--4rr70v", isInternationalized: true))

        // The Kelvin sign is NFC-normalized to K, which makes the local part the role name "marketing";
        // SMTPUTF8 is judged on the address as given.
        let kelvin = try validator.validate("mar\u{212A}eting@Example.COM").get()
        #expect(kelvin.normalized == "marketing@example.com")
        #expect(kelvin.isInternationalized)

        let decomposed = try validator.validate("e\u{301}@x.com").get()
        #expect(decomposed.localPart.unicodeScalars.elementsEqual("\u{E9}".unicodeScalars))
    }

    @Test("errors are one clear line")
    func errorMessages() {
        #expect(validator.validate("john.example.com") == .failure(EmailSyntaxError(message: "An email address must have an @-sign.")))
        #expect(validator.validate("john@localhost") == .failure(EmailSyntaxError(
            message: "The part after the @-sign is not valid. It should have a period.")))
        #expect(validator.validate("john@i\u{2764}.ws") == .failure(EmailSyntaxError(
            message: "The part after the @-sign is invalid (Codepoint U+2764 at position 2 of 'i\u{2764}' not allowed).")))
    }

    @Test("the normalized form is a fixed point")
    func normalizationIsIdempotent() throws {
        let addresses = try EmailTestData.emailRows().map(\.address) + EmailHardCases.cases.map(\.address)
        for address in addresses {
            guard case .success(let email) = validator.validate(address) else { continue }
            // Everything but isInternationalized, which describes the address as given.
            let again = try? validator.validate(email.normalized).get()
            #expect(again?.normalized == email.normalized && again?.localPart == email.localPart
                && again?.domain == email.domain && again?.asciiDomain == email.asciiDomain,
                "\(address.debugDescription) → \(email.normalized.debugDescription) → \(String(describing: again))")
        }
    }

    @Test("the ASCII fast path accepts only what the full path accepts, with the same result")
    func fastPathMatchesFullPath() throws {
        var generator = SplitMix64(seed: 2024)
        func pick<T>(_ choices: [T]) -> T { choices[Int(generator.next() % UInt64(choices.count))] }
        func run(_ alphabet: String, upTo length: UInt64) -> String {
            String((0..<Int(generator.next() % (length + 1))).map { _ in pick(Array(alphabet)) })
        }
        // Near-valid shapes: atext local parts with dots, host-name labels with hyphens, assorted endings,
        // with now and then a character that belongs nowhere.
        let localAlphabet = "abcXYZ019.!#$%&'*+-/=?^_`{|}~"
        let labelAlphabet = "abcXYZ09-"
        let endings = ["com", "COM", "test", "c0m", "local", "xn--p1ai", "arpa", "uk", "Org"]
        let strays = ["\"", "<", " ", "@", "(", "[", "\\", ".", "-", "--", "xn--"]
        func stray() -> String { generator.next() % 12 == 0 ? pick(strays) : "" }
        var addresses = try EmailTestData.emailRows().map(\.address).filter { $0.unicodeScalars.allSatisfy(\.isASCII) }
        for _ in 0..<20_000 {
            var address = run(localAlphabet, upTo: 12) + stray() + "@"
            for _ in 0..<Int(generator.next() % 3) { address += run(labelAlphabet, upTo: 10) + stray() + "." }
            address += pick(endings) + stray()
            addresses.append(address)
        }
        var fastAccepted = 0
        for address in addresses {
            let full = try? EmailValidator.validateFully(Array(address.unicodeScalars))
            if let fast = ASCIIFastPath.validate(address) {
                fastAccepted += 1
                #expect(fast == full, "\(address.debugDescription): fast path \(fast), full path \(String(describing: full))")
            }
        }
        #expect(fastAccepted > 1_000)
    }

    @Test("Punycode matches RFC 3492's samples")
    func punycode() {
        let samples = [("bücher", "bcher-kva"), ("münchen", "mnchen-3ya"), ("3年B組金八先生", "3B-ww4c5e180e575a65lsy2b"),
                       ("ليهمابتكلموشعربي؟", "egbpdaj6bu4bxfgehfvwxn")]
        for (unicode, encoded) in samples {
            #expect(Punycode.encode(Array(unicode.unicodeScalars)) == Array(encoded.utf8))
            #expect(Punycode.decode(Array(encoded.utf8)) == Array(unicode.unicodeScalars))
        }
        #expect(Punycode.decode(Array("99999999999999".utf8)) == nil)
        #expect(Punycode.decode(Array("a!".utf8)) == nil)
    }
}

/// A seedable generator, so the generated cases are the same on every run.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

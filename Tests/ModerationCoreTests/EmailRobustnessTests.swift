import Foundation
import Testing

import ModerationCore

@Suite("Email validation on hostile input")
struct EmailRobustnessTests {
    let validator = EmailValidator()

    static func naughtyStrings() throws -> [String] {
        let data = Data(try EmailTestData.text("naughty/blns.json").utf8)
        return try JSONDecoder().decode([String].self, from: data)
    }

    static func xssPayloads() throws -> [String] {
        try EmailTestData.text("xss/xss-payloads-combined.txt").split(separator: "\n").map(String.init)
    }

    @Test("naughty strings and XSS payloads, also as local part and as domain, give a verdict with a one-line reason")
    func neverCrashes() throws {
        let inputs = try Self.naughtyStrings() + Self.xssPayloads()
        #expect(inputs.count > 1_000)
        var verdicts = 0
        for input in inputs {
            for address in [input, input + "@example.com", "user@" + input, "user@" + input + ".com"] {
                switch validator.validate(address) {
                case .success(let email):
                    #expect(!email.normalized.isEmpty)
                case .failure(let error):
                    #expect(!error.message.isEmpty)
                    #expect(!error.message.unicodeScalars.contains { $0.properties.generalCategory == .control
                        || $0.properties.generalCategory == .lineSeparator || $0.properties.generalCategory == .paragraphSeparator },
                        "multi-line message for \(address.debugDescription): \(error.message.debugDescription)")
                }
                verdicts += 1
            }
        }
        #expect(verdicts == inputs.count * 4)
    }

    @Test("very long input is handled")
    func longInput() {
        let long = String(repeating: "a", count: 100_000)
        #expect(throws: EmailSyntaxError.self) { try validator.validate(long + "@example.com").get() }
        #expect(throws: EmailSyntaxError.self) { try validator.validate("a@" + long + ".com").get() }
        let combining = "e" + String(repeating: "\u{301}", count: 5_000)
        #expect(throws: EmailSyntaxError.self) { try validator.validate(combining + "@" + combining + ".com").get() }
    }
}

@testable import CommentmodCLI
import Foundation
import Testing

/// The pieces every moderator command parses its arguments with, and the table they print.
@Suite("moderation arguments and tables")
struct ModerationArgumentTests {
    @Test("times: durations, dates and RFC 3339; anything else is refused")
    func times() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(TimeArgument(argument: "90s")?.past(from: now) == now.addingTimeInterval(-90))
        #expect(TimeArgument(argument: "15m")?.past(from: now) == now.addingTimeInterval(-900))
        #expect(TimeArgument(argument: "2h")?.future(from: now) == now.addingTimeInterval(7200))
        #expect(TimeArgument(argument: "7d")?.future(from: now) == now.addingTimeInterval(7 * 86_400))
        #expect(TimeArgument(argument: "2w")?.past(from: now) == now.addingTimeInterval(-14 * 86_400))
        #expect(TimeArgument(argument: "2026-11-28")?.past(from: now) == Date(timeIntervalSince1970: 1_795_824_000))
        #expect(TimeArgument(argument: "2026-11-28T10:00:00Z")?.past(from: now) == Date(timeIntervalSince1970: 1_795_860_000))
        #expect(TimeArgument(argument: "2026-11-28T10:00:00+01:00")?.past(from: now) == Date(timeIntervalSince1970: 1_795_856_400))
        for bad in ["", "3x", "-1d", "1.5h", "d", "99999999d", "2026-13-01", "2026-11-28 10:00", "yesterday", "１d", "1d; DROP TABLE x"] {
            #expect(TimeArgument(argument: bad) == nil, "\(bad)")
        }
    }

    @Test("networks: addresses and CIDR blocks in canonical form; typos refused")
    func networks() {
        #expect(NetworkArgument(argument: "203.0.113.7") == NetworkArgument(text: "203.0.113.7", prefixLength: nil))
        #expect(NetworkArgument(argument: "203.0.113.0/24")?.text == "203.0.113.0/24")
        #expect(NetworkArgument(argument: "2001:DB8:0:0::1")?.text == "2001:db8::1")
        #expect(NetworkArgument(argument: "2001:db8::/32")?.prefixLength == 32)
        #expect(NetworkArgument(argument: "0.0.0.0/0")?.text == "0.0.0.0/0")
        for bad in ["", "300.1.1.1", "203.0.113.7/24", "203.0.113.0/33", "2001:db8::1/129", "1.2.3", "1.2.3.4/",
                    "1.2.3.4/-1", " 1.2.3.4", "1.2.3.4/24/1", "example.org", "1.2.3.4/２４", "' OR 1=1 --"] {
            #expect(NetworkArgument(argument: bad) == nil, "\(bad)")
        }
    }

    @Test("tables: aligned, one line per row, terminal-safe, shortened with an ellipsis")
    func tables() {
        var table = TextTable([.init("ID", alignRight: true), .init("NAME", maxWidth: 8), .init("BODY")])
        table.append(["7", "Ann", "line one\nline\ttwo"])
        table.append(["1234", "Bartholomew the Great", "\u{1B}[2Jclear \u{202E}evil"])
        table.append(["5", "漢字漢字漢字", "x"])
        let lines = table.render(style: .plain).split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0] == "  ID  NAME      BODY")
        #expect(lines[1] == "   7  Ann       line one line two")
        #expect(lines[2] == "1234  Barthol…  \\u{1B}[2Jclear \\u{202E}evil")
        #expect(lines[3] == "   5  漢字漢…   x")
        #expect(!lines.joined().contains("\u{1B}") && !lines.joined().contains("\u{202E}"))
    }

    @Test("moderator names: --as wins, else the login; control characters and empty names are refused")
    func moderatorNames() throws {
        var options = try ModeratorOptions.parse(["--as", "Ann"])
        #expect(try options.actor(environment: [:]) == "moderator:Ann")
        options = try ModeratorOptions.parse([])
        #expect(try options.actor(environment: ["USER": "bob"]) == "moderator:bob")
        #expect(try options.actor(environment: ["SUDO_USER": "carol", "USER": "root"]) == "moderator:carol")
        for bad in ["", "   ", "a\u{1B}b", "x\u{202E}y", String(repeating: "n", count: 101)] {
            #expect(throws: (any Error).self, "\(bad)") { try ModeratorOptions.parse(["--as", bad]) }
        }
    }
}

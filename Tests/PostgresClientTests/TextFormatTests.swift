import Foundation
import PostgresClient
import Testing

/// The text formats, checked without a server (the round-trip suites check them against one).
@Suite struct TextFormatTests {
    @Test func arraysQuoteEveryElementAndEscapeQuotesAndBackslashes() throws {
        let values: [String?] = ["", "NULL", nil, #"a"b"#, #"c\d"#, "{x,y}", " ", "é😀"]
        #expect(try values.postgresText() == #"{"","NULL",NULL,"a\"b","c\\d","{x,y}"," ","é😀"}"#)
        #expect(try [[1, 2], [3, 4]].postgresText() == #"{{"1","2"},{"3","4"}}"#)
        #expect(try [Int]().postgresText() == "{}")
    }

    @Test func arrayElementsEscapeQuotesAndBackslashesAtEveryPosition() throws {
        // Long runs of plain bytes are skipped eight at a time: put the escaped bytes at every offset of
        // such a run, alone and together, and read the literal back.
        var generator = SystemRandomNumberGenerator()
        let alphabet: [String] = ["a", "\"", "\\", "é", " ", "😀", ","]
        var values: [String?] = []
        for length in 0...24 {
            for position in 0..<max(length, 1) {
                var plain = Array(repeating: "x", count: length)
                if length > 0 { plain[position] = position % 2 == 0 ? "\"" : "\\" }
                values.append(plain.joined())
            }
        }
        for _ in 0..<500 {
            values.append((0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined())
        }
        let literal = try #require(try values.postgresText())
        #expect([String?](postgresText: literal) == values)
        #expect(literal.utf8.count == 2 + values.count - 1 + values.reduce(0) {
            $0 + 2 + ($1?.utf8.count ?? 0) + ($1?.utf8.filter { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }.count ?? 0)
        })
    }

    @Test(arguments: [
        (#"{a,"b c",NULL,"NULL","",\"q,"\\"}"#, ["a", "b c", nil, "NULL", "", "\"q", "\\"]),
        ("{}", []),
        (" { x , y } ", ["x", "y"]),
        (#"{nul\l,N\ULL,null}"#, ["null", "NULL", nil]),
        ("[0:1]={7,8}", ["7", "8"]),
    ] as [(String, [String?])])
    func arraysParseServerOutputAndInputSyntax(literal: String, expected: [String?]) {
        #expect([String?](postgresText: literal) == expected)
    }

    @Test func nestedArraysParseIntoNestedSwiftArrays() {
        #expect([[Int]](postgresText: "{{1,2},{3,4}}") == [[1, 2], [3, 4]])
        #expect([[String]](postgresText: #"{{"}",b},{"{",d}}"#) == [["}", "b"], ["{", "d"]])
        // Dimensions must match the Swift type.
        #expect([Int](postgresText: "{{1,2}}") == nil)
        #expect([[Int]](postgresText: "{1,2}") == nil)
    }

    @Test(arguments: ["", "{", "{a", "{a,}", "{,a}", #"{"a}"#, "{a}x", "a,b", #"{a"b}"#])
    func malformedArraysAreRejected(literal: String) {
        #expect([String?](postgresText: literal) == nil)
    }

    @Test func nullElementsNeedAnOptionalElementType() {
        #expect([Int](postgresText: "{1,NULL}") == nil)
        #expect([Int?](postgresText: "{1,NULL}") == [1, nil])
    }

    @Test func datesFormatAsUTCWithMicroseconds() throws {
        #expect(try Date(timeIntervalSince1970: 0).postgresText() == "1970-01-01 00:00:00.000000+00")
        #expect(try Date(timeIntervalSince1970: -0.000001).postgresText() == "1969-12-31 23:59:59.999999+00")
        #expect(try Date(timeIntervalSince1970: 951_827_696.789012).postgresText() == "2000-02-29 12:34:56.789012+00")
        #expect(try Date(timeIntervalSince1970: -62_135_596_800).postgresText() == "0001-01-01 00:00:00.000000+00")
        #expect(try Date(timeIntervalSince1970: -62_135_596_801).postgresText() == "0001-12-31 23:59:59.000000+00 BC")
        #expect(throws: PostgresError.self) { try Date(timeIntervalSince1970: .infinity).postgresText() }
    }

    @Test(arguments: [
        ("2000-02-29 12:34:56.789012+00", 951_827_696.789012),
        ("2000-02-29 18:04:56.789012+05:30", 951_827_696.789012),
        ("2000-02-29 12:34:56.789012-00:00:30", 951_827_726.789012),
        ("2000-02-29T12:34:56.789012Z", 951_827_696.789012),
        ("2000-02-29 12:34:56.7+00", 951_827_696.7),
        ("2000-02-29 12:34:56", 951_827_696),
        ("2000-02-29", 951_782_400),
        ("0001-12-31 23:59:59+00 BC", -62_135_596_801),
        ("10000-01-01 00:00:00+00", 253_402_300_800),
    ])
    func timestampsParseInAnyISOForm(text: String, secondsSince1970: Double) throws {
        let date = try #require(Date(postgresText: text))
        #expect(abs(date.timeIntervalSince1970 - secondsSince1970) < 0.000_000_5)
    }

    @Test(arguments: ["infinity", "-infinity", "2000-13-01", "2000-01-01 25:00:00", "2000-01-01 10:00", "yesterday", ""])
    func nonTimestampsAreRejected(text: String) {
        #expect(Date(postgresText: text) == nil)
    }

    @Test func microsecondsSurviveFormatAndParse() throws {
        for micros in stride(from: Int64(-2_000_000_000_000_000), to: 4_000_000_000_000_000, by: 123_456_789_012_345) {
            let text = try #require(try Date(timeIntervalSince1970: Double(micros) / 1_000_000).postgresText())
            let parsed = try #require(Date(postgresText: text))
            #expect(try parsed.postgresText() == text)
        }
    }

    @Test func byteaUsesHexAndReadsBothFormats() throws {
        let bytes = Data([0x00, 0x5C, 0xFF, 0x27])
        #expect(bytes.postgresText() == #"\x005cff27"#)
        #expect(Data(postgresText: #"\x005CFF27"#) == bytes)
        #expect(Data(postgresText: #"\000\\\377'"#) == bytes)
        #expect(Data(postgresText: #"\x0"#) == nil)
    }

    @Test func scalarsUseServerSpellings() throws {
        #expect(Double.nan.postgresText() == "NaN")
        #expect((-Double.infinity).postgresText() == "-Infinity")
        #expect(Double(postgresText: "Infinity") == .infinity)
        #expect(Bool(postgresText: "t") == true)
        #expect(Bool(postgresText: "f") == false)
        #expect(Bool(postgresText: "yes") == nil)
        #expect(Int16(postgresText: "40000") == nil)
    }
}

import Foundation

/// Why an input line of `check` or `check email` could not be read, as one line for its error answer:
/// `not valid JSON: …`, `not a JSON object: got an array`,
/// `field 'parent_id': expected an integer, got a string ("12")`.
struct CheckLineError: Error, CustomStringConvertible {
    let description: String

    static let tooLong = CheckLineError(description: "line is longer than \(CheckStream.maxLineBytes >> 20) MiB")
    static let empty = CheckLineError(description: "empty line")

    /// Decodes `T` from the line, turning every failure into an explanation. `expected` names what the
    /// whole line must be ("a JSON object", "a JSON string").
    static func decoding<T: Decodable>(
        _ type: T.Type, from line: CheckLine, with decoder: JSONDecoder, expected: String
    ) -> Result<T, CheckLineError> {
        if let error = unreadable(line) { return .failure(error) }
        if line.bytes.allSatisfy(isJSONWhitespace) { return .failure(.empty) }
        let data = Data(line.bytes)
        do {
            return .success(try decoder.decode(T.self, from: data))
        } catch let error as DecodingError {
            return .failure(explain(error, data: data, expected: expected))
        } catch {
            return .failure(CheckLineError(description: "not valid JSON: \(error)"))
        }
    }

    private static func explain(_ error: DecodingError, data: Data, expected: String) -> CheckLineError {
        // A second parse, for failing lines only: JSONDecoder says neither where the syntax broke nor what
        // it found instead of what it expected.
        let document: Any
        do {
            document = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            var text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            if text.hasSuffix(".") { text.removeLast() }
            return CheckLineError(description: "not valid JSON: " + text.prefix(1).lowercased() + text.dropFirst())
        }
        let path: [any CodingKey]
        let problem: String
        switch error {
        case let .typeMismatch(type, context), let .valueNotFound(type, context):
            path = context.codingPath
            problem = "expected \(describe(type))"
        case let .keyNotFound(key, context):
            return CheckLineError(description: "\(location(context.codingPath)): missing key '\(key.stringValue)'")
        case let .dataCorrupted(context):
            // Foundation reports a number that fits no integer (1.5, 1e30) as corrupt data without a path.
            if context.codingPath.isEmpty, let (numberPath, number) = firstNonInteger(in: document, keys: CheckInput.integerKeys) {
                return CheckLineError(description: "\(location(numberPath)): expected an integer, got \(summary(number))")
            }
            path = context.codingPath
            problem = "not an accepted value"
        @unknown default:
            return CheckLineError(description: "\(error)")
        }
        let found = value(in: document, at: path).map(summary) ?? "nothing"
        if path.isEmpty { return CheckLineError(description: "not \(expected): got \(found)") }
        return CheckLineError(description: "\(location(path)): \(problem), got \(found)")
    }

    /// `field 'parent_id'`, `field 'facts.blocks[0].kind'`.
    private static func location(_ path: [any CodingKey]) -> String {
        guard !path.isEmpty else { return "line" }
        var name = ""
        for key in path {
            if let index = key.intValue {
                name += "[\(index)]"
            } else {
                name += (name.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return "field '\(name)'"
    }

    private static func isJSONWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// The error for a line that is too long or not UTF-8, before any parsing; nil for a readable line.
    static func unreadable(_ line: CheckLine) -> CheckLineError? {
        if line.isTooLong { return .tooLong }
        if let offset = invalidUTF8Offset(line.bytes) {
            return CheckLineError(description: "not valid UTF-8 (byte \(offset + 1))")
        }
        return nil
    }

    /// Offset of the first byte that does not belong to well-formed UTF-8, or nil when all do.
    private static func invalidUTF8Offset(_ bytes: ArraySlice<UInt8>) -> Int? {
        // ASCII is by far the most common input and needs no decoding.
        if bytes.allSatisfy({ $0 < 0x80 }) { return nil }
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case let .valid(encoded): offset += encoded.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}

/// Why a policy document or setting was refused. Every message is one line and names the key at fault.
public enum PolicyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text is not JSON at all.
    case invalidJSON(detail: String)
    /// The document is JSON but not an object of settings.
    case notAnObject(got: String)
    /// A key the policy does not have; `suggestion` is the known key it most likely meant.
    case unknownKey(String, suggestion: String?)
    /// A known key with a value of the wrong type or out of range.
    case invalidValue(key: String, expected: String, got: String)
    /// A value that is fine alone but contradicts another key's value.
    case conflict(key: String, detail: String)

    /// The policy key at fault, when there is one.
    public var key: String? {
        switch self {
        case .invalidJSON, .notAnObject: nil
        case let .unknownKey(key, _), let .invalidValue(key, _, _), let .conflict(key, _): key
        }
    }

    public var description: String {
        switch self {
        case let .invalidJSON(detail):
            "policy is not valid JSON: \(detail)"
        case let .notAnObject(got):
            "policy must be a JSON object of settings such as {\"max_links\": 2}, got \(got)"
        case let .unknownKey(key, suggestion):
            "unknown policy key '\(key)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
        case let .invalidValue(key, expected, got):
            "policy key '\(key)': expected \(expected), got \(got)"
        case let .conflict(key, detail):
            "policy key '\(key)': \(detail)"
        }
    }
}

extension PolicyError {
    /// Turns a parse failure into a message that names the key whose value could not be read, if any.
    init(decoding error: DecodingError) {
        let context = Self.context(of: error)
        if let first = context?.codingPath.first, first.intValue == nil {
            self = .invalidValue(key: first.stringValue, expected: "a readable value", got: "a number out of range")
        } else {
            let underlying = (context?.underlyingError).map { " (\($0))" } ?? ""
            self = .invalidJSON(detail: (context?.debugDescription ?? "\(error)") + underlying)
        }
    }
}

extension PolicyError {
    /// Where in the document a parse failure happened (empty at the top level).
    static func codingPath(of error: DecodingError) -> [any CodingKey] {
        context(of: error)?.codingPath ?? []
    }

    fileprivate static func context(of error: DecodingError) -> DecodingError.Context? {
        switch error {
        case let .dataCorrupted(context), let .typeMismatch(_, context),
             let .valueNotFound(_, context), let .keyNotFound(_, context): context
        @unknown default: nil
        }
    }
}

/// How one policy key is read from and written to JSON. The table in `PolicyKey.all` is the single place
/// a key is declared: reading, writing, validation and documentation all come from it.
struct PolicyKey: Sendable {
    let name: String
    let type: String
    let meaning: String
    let read: @Sendable (Policy) -> PolicyJSONValue
    let write: @Sendable (inout Policy, PolicyJSONValue) throws(PolicyError) -> Void

    static func named(_ name: String) -> PolicyKey? {
        all.first { $0.name == name }
    }
}

extension PolicyKey {
    /// A range an integer key accepts, with the words an error uses for it.
    struct IntegerRule: Sendable {
        let expected: String
        let accepts: @Sendable (Int) -> Bool

        static let nonNegative = IntegerRule(expected: "a non-negative integer") { $0 >= 0 }
        static let positive = IntegerRule(expected: "a positive integer") { $0 >= 1 }

        static func upTo(_ maximum: Int) -> IntegerRule {
            IntegerRule(expected: "an integer from 0 to \(maximum)") { (0...maximum).contains($0) }
        }

        /// For detectors where a run or count below `minimum` makes no sense and 0 turns them off.
        static func offOrAtLeast(_ minimum: Int) -> IntegerRule {
            IntegerRule(expected: "0 (off) or an integer of at least \(minimum)") { $0 == 0 || $0 >= minimum }
        }
    }

    /// A key whose value is one JSON scalar: `decode` returns nil for any value the key refuses.
    private static func scalar<Value>(
        _ name: String, _ path: WritableKeyPath<Policy, Value> & Sendable, type: String, expected: String,
        meaning: String,
        encode: @escaping @Sendable (Value) -> PolicyJSONValue, decode: @escaping @Sendable (PolicyJSONValue) -> Value?
    ) -> PolicyKey {
        PolicyKey(
            name: name, type: type, meaning: meaning,
            read: { encode($0[keyPath: path]) },
            write: { (policy, value) throws(PolicyError) in
                guard let decoded = decode(value) else {
                    throw .invalidValue(key: name, expected: expected, got: value.excerpt)
                }
                policy[keyPath: path] = decoded
            })
    }

    static func boolean(
        _ name: String, _ path: WritableKeyPath<Policy, Bool> & Sendable, meaning: String
    ) -> PolicyKey {
        scalar(
            name, path, type: "boolean", expected: "true or false", meaning: meaning, encode: PolicyJSONValue.bool,
            decode: { if case let .bool(bool) = $0 { bool } else { nil } })
    }

    static func integer(
        _ name: String, _ path: WritableKeyPath<Policy, Int> & Sendable, _ rule: IntegerRule, meaning: String
    ) -> PolicyKey {
        scalar(
            name, path, type: "integer", expected: rule.expected, meaning: meaning,
            encode: { .number(Double($0)) },
            decode: { value in value.integer.flatMap { rule.accepts($0) ? $0 : nil } })
    }

    /// A number in (0, 1].
    static func ratio(
        _ name: String, _ path: WritableKeyPath<Policy, Double> & Sendable, meaning: String
    ) -> PolicyKey {
        scalar(
            name, path, type: "number", expected: "a number above 0 and at most 1", meaning: meaning,
            encode: PolicyJSONValue.number,
            decode: { if case let .number(number) = $0, number > 0, number <= 1 { number } else { nil } })
    }

    static func choice<Choice: RawRepresentable & CaseIterable & Sendable>(
        _ name: String, _ path: WritableKeyPath<Policy, Choice> & Sendable, meaning: String
    ) -> PolicyKey where Choice.RawValue == String {
        let names = Choice.allCases.map(\.rawValue)
        return scalar(
            name, path, type: "string: " + names.joined(separator: " | "),
            expected: "one of " + names.map { "\"\($0)\"" }.joined(separator: ", "), meaning: meaning,
            encode: { .string($0.rawValue) },
            decode: { if case let .string(string) = $0 { Choice(rawValue: string) } else { nil } })
    }

    /// A list of host names; entries are kept as written, matching is the link rules' business.
    static func hosts(
        _ name: String, _ path: WritableKeyPath<Policy, [String]> & Sendable, meaning: String
    ) -> PolicyKey {
        let expected = "a list of host names such as [\"example.com\"]"
        return PolicyKey(
            name: name, type: "list of host names", meaning: meaning,
            read: { .array($0[keyPath: path].map(PolicyJSONValue.string)) },
            write: { (policy, value) throws(PolicyError) in
                guard case let .array(elements) = value else {
                    throw .invalidValue(key: name, expected: expected, got: value.excerpt)
                }
                var hosts: [String] = []
                for (index, element) in elements.enumerated() {
                    guard case let .string(host) = element, HostNameSyntax.isValid(host, allowSingleLabel: true) else {
                        throw .invalidValue(key: name, expected: expected, got: "\(element.excerpt) (entry \(index + 1))")
                    }
                    hosts.append(host)
                }
                policy[keyPath: path] = hosts
            })
    }
}

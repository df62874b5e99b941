/// How one policy key is read from and written to JSON. The table in `PolicyKey.all` is the single place
/// a key is declared: reading, writing, validation and documentation all come from it.
struct PolicyKey: Sendable {
    let name: String
    let type: String
    let meaning: String
    /// Whether `rules policy set KEY word` may pass a bare word instead of a JSON string.
    let takesBareString: Bool
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

    static func boolean(
        _ name: String, _ path: WritableKeyPath<Policy, Bool> & Sendable, meaning: String
    ) -> PolicyKey {
        PolicyKey(
            name: name, type: "boolean", meaning: meaning, takesBareString: false,
            read: { .bool($0[keyPath: path]) },
            write: { (policy, value) throws(PolicyError) in
                guard case let .bool(bool) = value else {
                    throw .invalidValue(key: name, expected: "true or false", got: value.excerpt)
                }
                policy[keyPath: path] = bool
            })
    }

    static func integer(
        _ name: String, _ path: WritableKeyPath<Policy, Int> & Sendable, _ rule: IntegerRule, meaning: String
    ) -> PolicyKey {
        PolicyKey(
            name: name, type: "integer", meaning: meaning, takesBareString: false,
            read: { .number(Double($0[keyPath: path])) },
            write: { (policy, value) throws(PolicyError) in
                guard let integer = value.integer, rule.accepts(integer) else {
                    throw .invalidValue(key: name, expected: rule.expected, got: value.excerpt)
                }
                policy[keyPath: path] = integer
            })
    }

    /// A number in (0, 1].
    static func ratio(
        _ name: String, _ path: WritableKeyPath<Policy, Double> & Sendable, meaning: String
    ) -> PolicyKey {
        PolicyKey(
            name: name, type: "number", meaning: meaning, takesBareString: false,
            read: { .number($0[keyPath: path]) },
            write: { (policy, value) throws(PolicyError) in
                guard case let .number(number) = value, number > 0, number <= 1 else {
                    throw .invalidValue(key: name, expected: "a number above 0 and at most 1", got: value.excerpt)
                }
                policy[keyPath: path] = number
            })
    }

    static func choice<Choice: RawRepresentable & CaseIterable & Sendable>(
        _ name: String, _ path: WritableKeyPath<Policy, Choice> & Sendable, meaning: String
    ) -> PolicyKey where Choice.RawValue == String {
        let names = Choice.allCases.map(\.rawValue)
        let expected = "one of " + names.map { "\"\($0)\"" }.joined(separator: ", ")
        return PolicyKey(
            name: name, type: "string: " + names.joined(separator: " | "), meaning: meaning, takesBareString: true,
            read: { .string($0[keyPath: path].rawValue) },
            write: { (policy, value) throws(PolicyError) in
                guard case let .string(string) = value, let choice = Choice(rawValue: string) else {
                    throw .invalidValue(key: name, expected: expected, got: value.excerpt)
                }
                policy[keyPath: path] = choice
            })
    }

    /// A list of host names; entries are kept as written, matching is the link rules' business.
    static func hosts(
        _ name: String, _ path: WritableKeyPath<Policy, [String]> & Sendable, meaning: String
    ) -> PolicyKey {
        let expected = "a list of host names such as [\"example.com\"]"
        return PolicyKey(
            name: name, type: "list of host names", meaning: meaning, takesBareString: false,
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

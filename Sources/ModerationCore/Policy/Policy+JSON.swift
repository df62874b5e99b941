import Foundation

extension Policy {
    /// Reads a policy document: a JSON object whose missing keys take their defaults.
    /// Unknown keys, wrong types, out-of-range values and contradictory values throw, naming the key.
    public static func fromJSON(_ data: Data) throws(PolicyError) -> Policy {
        try Policy(json: PolicyJSONValue.parse(data))
    }

    /// Reads a policy document from JSON text; see `fromJSON(_: Data)`.
    public static func fromJSON(_ text: String) throws(PolicyError) -> Policy {
        try fromJSON(Data(text.utf8))
    }

    /// Every key with its value, in the documented order, so two equal policies print identically.
    public func toJSON(pretty: Bool = false) -> String {
        jsonValue.serialized(pretty: pretty)
    }

    /// This policy with one key changed, for `rules policy set KEY VALUE`. The value is JSON
    /// (`3`, `true`, `["example.com"]`); a bare word is taken as a string (`pre` for `"pre"`).
    public func setting(_ key: String, to value: String) throws(PolicyError) -> Policy {
        guard let policyKey = PolicyKey.named(key) else {
            throw .unknownKey(key, suggestion: PolicyKey.closest(to: key))
        }
        let bare = value.trimmingCharacters(in: .whitespacesAndNewlines)
        let parsed: PolicyJSONValue
        do {
            parsed = try PolicyJSONValue.parse(Data(bare.utf8))
        } catch {
            // Not JSON: a bare word. For a string key that is the value; for any other key the type check
            // below refuses it and quotes it back, which reads better than a JSON parser's complaint.
            parsed = .string(bare)
        }
        var changed = self
        try policyKey.write(&changed, parsed)
        try changed.checkConsistency()
        return changed
    }

    /// Throws the error `fromJSON` would throw for this policy's values: for policies built in code.
    public func validate() throws(PolicyError) {
        for key in PolicyKey.all {
            var copy = self
            try key.write(&copy, key.read(self))
        }
        try checkConsistency()
    }

    var jsonValue: PolicyJSONValue {
        .object(PolicyKey.all.map { ($0.name, $0.read(self)) })
    }

    init(json: PolicyJSONValue) throws(PolicyError) {
        guard case let .object(members) = json else { throw .notAnObject(got: json.excerpt) }
        if let unknown = members.first(where: { PolicyKey.named($0.0) == nil }) {
            throw .unknownKey(unknown.0, suggestion: PolicyKey.closest(to: unknown.0))
        }
        var policy = Policy()
        // Table order, so the first error reported is the first key in the documentation.
        for key in PolicyKey.all {
            if let value = members.first(where: { $0.0 == key.name })?.1 { try key.write(&policy, value) }
        }
        try policy.checkConsistency()
        self = policy
    }

    /// Rules across keys: each value is fine alone, but together they would refuse everything or say
    /// two opposite things.
    func checkConsistency() throws(PolicyError) {
        if minBodyLength > maxBodyBytes {
            throw .conflict(
                key: "min_body_length",
                detail: "\(minBodyLength) is more than max_body_bytes (\(maxBodyBytes)): no comment could pass")
        }
        let allowed = Set(linkAllowDomains.map(Self.hostKey))
        if let both = linkDenyDomains.first(where: { allowed.contains(Self.hostKey($0)) }) {
            throw .conflict(
                key: "link_deny_domains", detail: "\(PolicyJSONValue.string(both).excerpt) is also in link_allow_domains")
        }
    }

    private static func hostKey(_ host: String) -> String {
        host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }
}

extension Policy: Codable {
    /// Decodes with the same rules as `fromJSON`; a refusal is a `DecodingError.dataCorrupted` whose
    /// description is the `PolicyError` message and whose underlying error is the `PolicyError`.
    public init(from decoder: any Decoder) throws {
        let json = try PolicyJSONValue(from: decoder)
        do {
            self = try Policy(json: json)
        } catch {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.description, underlyingError: error))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        try jsonValue.encode(to: encoder)
    }
}

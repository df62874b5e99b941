/// One row of the policy documentation, for the README and `rules policy show`.
public struct PolicyKeyInfo: Sendable, Hashable {
    /// The JSON key, snake_case.
    public let name: String
    /// The value's type as an operator reads it, e.g. `integer`, `string: post | pre`.
    public let type: String
    /// The default, as JSON text.
    public let defaultValue: String
    /// What the key does, in a sentence or two.
    public let meaning: String
}

extension Policy {
    /// Every policy key in the documented (and serialized) order, with its type, default and meaning.
    public static var keys: [PolicyKeyInfo] {
        PolicyKey.all.map {
            PolicyKeyInfo(
                name: $0.name, type: $0.type, defaultValue: $0.read(.default).serialized(), meaning: $0.meaning)
        }
    }

    /// `keys` as a Markdown table.
    public static var keysMarkdown: String {
        let cell = { (text: String) in text.replacingOccurrences(of: "|", with: "\\|") }
        let rows = keys.map {
            "| `\($0.name)` | \(cell($0.type)) | `\(cell($0.defaultValue))` | \(cell($0.meaning)) |"
        }
        return (["| key | type | default | meaning |", "| --- | --- | --- | --- |"] + rows).joined(separator: "\n")
    }
}

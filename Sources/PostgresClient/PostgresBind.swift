/// One `$n` parameter of a `PostgresQuery`. Encoding happens when the statement is sent, so an encoding
/// failure surfaces as a thrown `PostgresError` rather than a crash.
public struct PostgresBind: Sendable {
    let value: any PostgresEncodable

    /// Binds `value` (nil Optionals bind NULL).
    public init(_ value: some PostgresEncodable) {
        self.value = value
    }

    /// SQL NULL.
    public static let null = PostgresBind(String?.none)

    /// The text that will be sent, or nil for NULL.
    public func text() throws -> String? {
        try value.postgresText()
    }
}

/// A statement's parameters in the form libpq takes, and the values to hide from error descriptions.
struct EncodedBinds {
    let texts: [String?]

    init(_ binds: [PostgresBind]) throws(PostgresError) {
        var texts: [String?] = []
        texts.reserveCapacity(binds.count)
        for (index, bind) in binds.enumerated() {
            let text: String?
            do {
                text = try bind.text()
            } catch let error as PostgresError {
                throw PostgresError(kind: .encoding, message: "parameter $\(index + 1): \(error.message)")
            } catch {
                throw PostgresError(kind: .encoding, message: "parameter $\(index + 1) (\(type(of: bind.value))) cannot be encoded")
            }
            if let text, text.containsNUL {
                throw PostgresError(
                    kind: .encoding,
                    message: "parameter $\(index + 1) contains a NUL byte (U+0000), which PostgreSQL text cannot store"
                )
            }
            texts.append(text)
        }
        self.texts = texts
    }

    /// Each bound text, and for array literals every element too, since the server quotes single elements
    /// in messages such as `invalid input syntax for type integer: "…"`. For error messages only.
    var redactions: [String] {
        var redactions: [String] = []
        for case let text? in texts {
            redactions.append(text)
            if text.hasPrefix("{") || text.hasPrefix("["), let leaves = PostgresArrayLiteral.leaves(of: text) {
                redactions += leaves
            }
        }
        return redactions
    }
}

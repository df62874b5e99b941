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
    enum Value {
        case null
        case text(String)
        /// Binary format; `source` gives the elements to hide from error messages.
        case binary([UInt8], source: PostgresBinaryArray?)
    }

    let values: [Value]

    var count: Int { values.count }

    init(_ binds: [PostgresBind]) throws(PostgresError) {
        var values: [Value] = []
        values.reserveCapacity(binds.count)
        for (index, bind) in binds.enumerated() {
            let value: Value
            do {
                value = try Self.encode(bind)
            } catch let error as PostgresError {
                throw PostgresError(kind: .encoding, message: "parameter $\(index + 1): \(error.message)")
            } catch {
                throw PostgresError(kind: .encoding, message: "parameter $\(index + 1) (\(type(of: bind.value))) cannot be encoded")
            }
            if case .text(let text) = value, text.containsNUL {
                throw PostgresError(
                    kind: .encoding,
                    message: "parameter $\(index + 1) contains a NUL byte (U+0000), which PostgreSQL text cannot store"
                )
            }
            values.append(value)
        }
        self.values = values
    }

    private static func encode(_ bind: PostgresBind) throws -> Value {
        if let bytes = try bind.value.postgresBinary() {
            return .binary(bytes, source: bind.value as? PostgresBinaryArray)
        }
        return try bind.text().map(Value.text) ?? .null
    }

    /// What error descriptions must hide of these parameters, without the encoded bytes (see
    /// `BindRedactions`).
    var redactions: BindRedactions {
        BindRedactions(sources: values.map { value in
            switch value {
            case .null: .null
            case .text(let text): .text(text)
            case .binary(_, let source): .array(source)
            }
        })
    }
}

/// The values of a statement's parameters that error descriptions must not show. Kept apart from the
/// encoded bytes, which are not needed once libpq has copied them: a statement runs for as long as the
/// server takes, and a worker's write would otherwise hold its batch's HTML encoded all that time.
struct BindRedactions {
    enum Source {
        case null
        case text(String)
        case array(PostgresBinaryArray?)
    }

    let sources: [Source]

    /// Each bound text, and for arrays every element too, since the server quotes single elements in
    /// messages such as `invalid input syntax for type integer: "…"`. For error messages only.
    var strings: [String] {
        var redactions: [String] = []
        for source in sources {
            switch source {
            case .null:
                break
            case .text(let text):
                redactions.append(text)
                if text.hasPrefix("{") || text.hasPrefix("["), let leaves = PostgresArrayLiteral.leaves(of: text) {
                    redactions += leaves
                }
            case .array(let array):
                redactions += array?.leaves ?? []
            }
        }
        return redactions
    }
}

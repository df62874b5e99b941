import Foundation

/// What a failing line holds where decoding failed, read from the line as JSONSerialization parses it.
/// Only lines that failed to decode pay for this second parse.
extension CheckLineError {
    /// The value a decoding error's coding path points at.
    static func value(in document: Any, at path: [any CodingKey]) -> Any? {
        var current = document
        for key in path {
            if let members = current as? [String: Any], let next = members[key.stringValue] {
                current = next
            } else if let elements = current as? [Any], let index = key.intValue, elements.indices.contains(index) {
                current = elements[index]
            } else {
                return nil
            }
        }
        return current
    }

    /// The path and value of the first number, depth first in key order, held by a member named in `keys`
    /// that is not a whole number in Int64's range.
    static func firstNonInteger(in document: Any, keys: Set<String>) -> ([any CodingKey], Any)? {
        var stack: [([any CodingKey], Any)] = [([], document)]
        while let (path, value) = stack.popLast() {
            if let members = value as? [String: Any] {
                for (key, member) in members.sorted(by: { $0.key > $1.key }) {
                    let memberPath = path + [CheckCodingKey(key)]
                    // Either reading may be the exact one: the double for 2.0, the text for 2^63 - 1.
                    if keys.contains(key), let number = member as? NSNumber, !isBoolean(number),
                       Int64(exactly: number.doubleValue) == nil, Int64(number.stringValue) == nil {
                        return (memberPath, member)
                    }
                    stack.append((memberPath, member))
                }
            } else if let elements = value as? [Any] {
                for (index, element) in elements.enumerated().reversed() {
                    stack.append((path + [CheckCodingKey(index)], element))
                }
            }
        }
        return nil
    }

    /// `null`, `true`, `an array`, `an object`, or a number or string quoted back (shortened when long).
    static func summary(_ value: Any) -> String {
        switch value {
        case is NSNull: return "null"
        case let string as String: return "a string (\(excerpt(string)))"
        case let number as NSNumber: return isBoolean(number) ? (number.boolValue ? "true" : "false") : "a number (\(number))"
        case is [Any]: return "an array"
        default: return "an object"
        }
    }

    /// What a Swift type means in JSON terms, for "expected …".
    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Int64.Type, is Int32.Type: "an integer"
        case is Double.Type, is Float.Type: "a number"
        case is [Any].Type: "an array"
        case is [String: Any].Type: "an object"
        default: "a value of type \(type)"
        }
    }

    /// JSONSerialization gives true and false as NSNumbers too; only their storage type ("c") tells them apart.
    private static func isBoolean(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }

    private static func excerpt(_ text: String) -> String {
        let limit = 40
        var quoted = ""
        for scalar in text.unicodeScalars.prefix(limit) {
            quoted += scalar.escaped(asASCII: false)
        }
        return "\"" + quoted + (text.unicodeScalars.count > limit ? "…" : "") + "\""
    }
}

/// A coding key built from a name or an index, for paths found by walking a parsed document.
struct CheckCodingKey: CodingKey {
    let stringValue: String
    let intValue: Int?

    init(_ name: String) {
        stringValue = name
        intValue = nil
    }

    init(_ index: Int) {
        stringValue = String(index)
        intValue = index
    }

    init?(stringValue: String) { self.init(stringValue) }

    init?(intValue: Int) { self.init(intValue) }
}

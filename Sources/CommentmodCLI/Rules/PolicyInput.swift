import Foundation
import ModerationCore
import ModerationStore

/// `KEY=VALUE` and `KEY` arguments of `rules policy set|unset`, checked with the policy's own reader so
/// an unknown key or a wrong type is refused before the database is touched, naming the key.
enum PolicyInput {
    static func setting(_ assignment: String) throws -> PolicySetting {
        guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
            throw CommandFailure.usage(TextStyle.visible("expected KEY=VALUE, got '\(assignment)'"))
        }
        let key = String(assignment[..<equals]).trimmingCharacters(in: .whitespaces)
        let value = String(assignment[assignment.index(after: equals)...]).trimmingCharacters(in: .whitespacesAndNewlines)
        do {
            _ = try Policy.default.setting(key, to: value)
        } catch {
            // A conflict with another key's value is judged on the whole document, once merged.
            if case .conflict = error {} else { throw CommandFailure.usage(TextStyle.visible(error.description)) }
        }
        // As Policy.setting reads it: JSON when it parses, else a bare word taken as a string.
        let isJSON = (try? JSONSerialization.jsonObject(with: Data(value.utf8), options: .fragmentsAllowed)) != nil
        return PolicySetting(key: key, json: isJSON ? value : JSONText.quoted(value))
    }

    /// Keys for `unset`: a known key, or one the stored document has (a bad key someone wrote by hand).
    static func unsetKeys(_ keys: [String], stored: SitePolicy) throws -> [String] {
        let known = Set(Policy.keys.map(\.name))
        for key in keys where !known.contains(key) && !stored.setKeys.contains(key) {
            // Setting it yields the policy's own message, with its did-you-mean suggestion.
            do {
                _ = try Policy.default.setting(key, to: "null")
            } catch {
                throw CommandFailure.usage(TextStyle.visible(error.description))
            }
        }
        return keys
    }

    /// Refuses a command that changes nothing, before it connects.
    static func requireChange(_ settings: [PolicySetting], unset: [String]) throws {
        if settings.isEmpty && unset.isEmpty { throw CommandFailure.usage("nothing to change: give KEY=VALUE or a key to unset") }
    }

    /// Refuses a key given twice, or both set and unset: the outcome would depend on argument order.
    static func checkDistinct(_ settings: [PolicySetting], unset: [String]) throws {
        var seen = Set<String>()
        for key in settings.map(\.key) + unset where !seen.insert(key).inserted {
            throw CommandFailure.usage(TextStyle.visible("policy key '\(key)' is given more than once"))
        }
    }
}

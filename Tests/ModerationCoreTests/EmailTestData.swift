import Foundation

/// Access to ../shared/testdata from the package root, and its emails.tsv format.
enum EmailTestData {
    /// `<package root>/../shared/testdata`, found by walking up from this file to Package.swift.
    static let directory: URL = {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/",
            !FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path)
        {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("../shared/testdata").standardized
    }()

    static func text(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    /// A labelled row: email-validator 2.4.0's verdict on `address`.
    struct Row {
        let address: String
        let isValid: Bool
        let normalized: String
        let error: String
    }

    /// emails.tsv's rows, with the README's escapes (`\\`, `\t`, `\n`, `\r`, `\xNN`) undone left to right.
    static func emailRows() throws -> [Row] {
        try text("emails.tsv").split(separator: "\n").dropFirst().map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { unescape($0) }
            return Row(
                address: fields[0], isValid: fields[1] == "valid",
                normalized: fields.count > 2 ? fields[2] : "", error: fields.count > 3 ? fields[3] : "")
        }
    }

    static func unescape(_ field: Substring) -> String {
        var output = String.UnicodeScalarView()
        var input = field.unicodeScalars[...]
        while let scalar = input.popFirst() {
            if scalar != "\\" {
                output.append(scalar)
                continue
            }
            switch input.popFirst() {
            case "t": output.append("\t")
            case "n": output.append("\n")
            case "r": output.append("\r")
            case "x":
                let hex = String(String.UnicodeScalarView(input.prefix(2)))
                input = input.dropFirst(2)
                if let value = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(value) { output.append(decoded) }
            case let other?: output.append(other)
            case nil: output.append("\\")
            }
        }
        return String(output)
    }
}

import Foundation
import Logging
import ModerationCore

/// One line per log event on stderr, as text or as a JSON object with stable keys: `ts` (RFC 3339, UTC,
/// milliseconds), `level`, `logger`, `msg`, then every metadata key as it was given (values are strings).
struct CommentmodLogHandler: LogHandler {
    let label: String
    let format: LogFormat
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    init(label: String, format: LogFormat, level: Logger.Level) {
        self.label = label
        self.format = format
        self.logLevel = level
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        let line: String
        switch format {
        case .json:
            line = Self.jsonLine(
                timestamp: Date(), level: event.level, label: label, message: event.message.description, metadata: merged)
        case .text:
            line = Self.textLine(
                timestamp: Date(), level: event.level, message: event.message.description, metadata: merged)
        }
        Self.write(Self.stderrIsJournal ? "<\(Self.syslogPriority(event.level))>" + line : line)
    }

    /// Under systemd, stderr goes to the journal, which reads a leading `<N>` as the line's syslog
    /// priority and strips it, so `journalctl -p warning` works and the stored message stays plain JSON
    /// or text. systemd sets JOURNAL_STREAM to the stream's device and inode; comparing them with stderr
    /// tells whether stderr is still that stream (not redirected by a wrapper script).
    static let stderrIsJournal: Bool = {
        guard let stream = ProcessInfo.processInfo.environment["JOURNAL_STREAM"] else { return false }
        let parts = stream.split(separator: ":")
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
        var info = stat()
        return fstat(2, &info) == 0 && UInt64(info.st_dev) == device && UInt64(info.st_ino) == inode
    }()

    static func syslogPriority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    private static let lock = NSLock()

    /// Whole lines, under a lock, so concurrent log calls never interleave mid-line.
    private static func write(_ line: String) {
        let data = Data((line + "\n").utf8)
        lock.lock()
        defer { lock.unlock() }
        FileHandle.standardError.write(data)
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: true).timeSeparator(.colon)) + "Z"
    }

    static func jsonLine(timestamp date: Date, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata) -> String {
        var fields: [(String, String)] = [
            ("ts", timestamp(date)), ("level", level.rawValue), ("logger", label), ("msg", message),
        ]
        for key in metadata.keys.sorted() where !["ts", "level", "logger", "msg"].contains(key) {
            fields.append((key, flatten(metadata[key]!)))
        }
        return "{" + fields.map { "\(jsonString($0.0)):\(jsonString($0.1))" }.joined(separator: ",") + "}"
    }

    static func textLine(timestamp date: Date, level: Logger.Level, message: String, metadata: Logger.Metadata) -> String {
        var line = "\(timestamp(date)) \(level.rawValue) \(escapeText(message))"
        for key in metadata.keys.sorted() {
            let value = flatten(metadata[key]!)
            let needsQuotes = value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" })
            line += " \(key)=" + (needsQuotes ? jsonString(value) : escapeText(value))
        }
        return line
    }

    static func flatten(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let string): string
        case .stringConvertible(let convertible): convertible.description
        case .array(let values): "[" + values.map(flatten).joined(separator: ",") + "]"
        case .dictionary(let dictionary):
            "{" + dictionary.keys.sorted().map { "\($0)=\(flatten(dictionary[$0]!))" }.joined(separator: ",") + "}"
        }
    }

    /// Keeps a log line one line: control characters (a newline in an error message) are escaped.
    static func escapeText(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7f:
                out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func jsonString(_ text: String) -> String { JSONText.quoted(text) }
}

import Foundation

/// One forward-only schema change: a file `NNNN_name.sql` in the migrations directory.
public struct Migration: Sendable, Hashable {
    public let version: Int
    public let name: String
    public let sql: String

    /// The file name it was loaded from, as people see it in messages.
    public var fileName: String { Self.fileName(version: version, name: name) }

    static func fileName(version: Int, name: String) -> String {
        let digits = String(version)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits + "_" + name + ".sql"
    }

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }
}

public struct MigrationError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension Migration {
    /// Loads every `NNNN_name.sql` file of `directory`, ordered by version. Other files are an error rather
    /// than silently skipped: a misnamed migration that never runs is worse than a refusal to start.
    public static func load(from directory: URL) throws -> [Migration] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw MigrationError("cannot read migrations directory \(directory.path): \(error.localizedDescription)")
        }
        var migrations: [Migration] = []
        for fileName in names.sorted() where !fileName.hasPrefix(".") {
            guard let (version, name) = parse(fileName: fileName) else {
                throw MigrationError(
                    "\(directory.path)/\(fileName): not a migration file name (expected NNNN_name.sql, e.g. 0002_rules.sql)")
            }
            let url = directory.appendingPathComponent(fileName)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw MigrationError("cannot read \(url.path)")
            }
            guard let sql = String(data: data, encoding: .utf8) else {
                throw MigrationError("\(url.path) is not valid UTF-8")
            }
            if let earlier = migrations.last(where: { $0.version == version }) {
                throw MigrationError("\(earlier.fileName) and \(fileName) share version \(version)")
            }
            migrations.append(Migration(version: version, name: name, sql: sql))
        }
        return migrations.sorted { $0.version < $1.version }
    }

    static func parse(fileName: String) -> (Int, String)? {
        guard fileName.hasSuffix(".sql") else { return nil }
        let stem = fileName.dropLast(4)
        guard let underscore = stem.firstIndex(of: "_") else { return nil }
        let digits = stem[..<underscore]
        let name = stem[stem.index(after: underscore)...]
        guard digits.count == 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let version = Int(digits), version > 0,
              !name.isEmpty,
              name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") })
        else { return nil }
        return (version, String(name))
    }

    /// Where the migrations are: an explicit directory, else `COMMENTMOD_MIGRATIONS`, else the installed
    /// location next to the executable (`../share/commentmod/sql`), else the source checkout this was built
    /// from (so `swift run` and the tests work from a clone).
    public static func locateDirectory(explicit: String? = nil, executable: URL? = Bundle.main.executableURL) throws -> URL {
        if let explicit, !explicit.isEmpty { return URL(fileURLWithPath: explicit) }
        if let env = ProcessInfo.processInfo.environment["COMMENTMOD_MIGRATIONS"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        var candidates: [URL] = []
        if let bin = executable?.resolvingSymlinksInPath().deletingLastPathComponent() {
            candidates.append(bin.appendingPathComponent("../share/commentmod/sql").standardized)
        }
        candidates.append(sourceCheckoutDirectory)
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate.appendingPathComponent("0001_schema.sql").path) {
            return candidate
        }
        throw MigrationError(
            "cannot find the migrations (looked in \(candidates.map(\.path).joined(separator: ", "))); pass --migrations DIR or set COMMENTMOD_MIGRATIONS")
    }

    /// `<repository>/sql`, derived from this source file's path at build time.
    public static var sourceCheckoutDirectory: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // Migrations
            .deletingLastPathComponent()  // ModerationStore
            .deletingLastPathComponent()  // Sources
            .deletingLastPathComponent()  // repository
            .appendingPathComponent("sql")
    }
}

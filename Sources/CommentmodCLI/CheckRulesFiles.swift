import Foundation
import ModerationCore

/// The rules `check` judges by, read from the files given on its command line. Every problem is a usage
/// failure (exit 2) of one line naming the file and, from the parsers, the policy key or word-list line.
enum CheckRulesFiles {
    static func load(policy policyPath: String?, words wordsPath: String?) throws(CommandFailure) -> SiteRules {
        var policy = Policy.default
        if let policyPath {
            let bytes = try read(policyPath, what: "policy")
            do {
                policy = try Policy.fromJSON(Data(bytes))
            } catch {
                throw .usage("policy \(policyPath): \(error.description)")
            }
        }
        var words = WordList.empty
        if let wordsPath {
            let bytes = try read(wordsPath, what: "words")
            do {
                words = try WordList(entries: WordList.parse(utf8: bytes))
            } catch {
                throw .usage("words \(wordsPath): \(error.description)")
            }
        }
        return SiteRules(policy: policy, words: words)
    }

    /// The whole file, or a failure with the system's reason ("No such file or directory").
    private static func read(_ path: String, what: String) throws(CommandFailure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(path, what: what) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return bytes }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(path, what: what)
            }
            bytes.append(contentsOf: chunk[..<count])
        }
    }

    private static func failure(_ path: String, what: String) -> CommandFailure {
        .usage("\(what) \(path): cannot read: \(String(cString: strerror(errno)))")
    }
}

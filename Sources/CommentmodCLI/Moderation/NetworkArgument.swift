import ArgumentParser
import Foundation

/// An IP address or a CIDR network from the command line, checked here so a typo is a usage error
/// (exit 2) before anything touches the database. `text` is the canonical form PostgreSQL accepts as
/// `inet`/`cidr`.
struct NetworkArgument: ExpressibleByArgument, Sendable, Equatable {
    let text: String
    /// Nil for a single address.
    let prefixLength: Int?

    var isNetwork: Bool { prefixLength != nil }

    init?(argument: String) {
        guard let parsed = Self.parse(argument) else { return nil }
        self = parsed
    }

    init(text: String, prefixLength: Int?) {
        self.text = text
        self.prefixLength = prefixLength
    }

    /// Accepts `203.0.113.7`, `2001:db8::1`, `203.0.113.0/24`, `2001:db8::/32`. A network with bits set
    /// right of its mask (`203.0.113.7/24`) is refused, as PostgreSQL's `cidr` does: it is usually a typo
    /// for a different block than the one meant.
    static func parse(_ argument: String) -> NetworkArgument? {
        let parts = argument.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let address = canonical(String(parts[0])) else { return nil }
        guard parts.count == 2 else { return NetworkArgument(text: address.text, prefixLength: nil) }
        let bits = address.bytes.count * 8
        guard parts[1].allSatisfy(\.isASCII), let length = Int(parts[1]), (0...bits).contains(length),
              hostBitsClear(address.bytes, prefixLength: length) else { return nil }
        return NetworkArgument(text: "\(address.text)/\(length)", prefixLength: length)
    }

    private static func canonical(_ text: String) -> (text: String, bytes: [UInt8])? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else { return nil }
        for (family, size) in [(AF_INET, 4), (AF_INET6, 16)] {
            var bytes = [UInt8](repeating: 0, count: size)
            guard inet_pton(family, text, &bytes) == 1 else { continue }
            var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            guard inet_ntop(family, bytes, &buffer, socklen_t(buffer.count)) != nil else { return nil }
            let formatted = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            return (formatted, bytes)
        }
        return nil
    }

    private static func hostBitsClear(_ bytes: [UInt8], prefixLength: Int) -> Bool {
        for (index, byte) in bytes.enumerated() {
            let kept = max(0, min(8, prefixLength - index * 8))
            let mask: UInt8 = kept == 8 ? 0xFF : ~(0xFF >> UInt8(kept))
            if byte & ~mask != 0 { return false }
        }
        return true
    }
}

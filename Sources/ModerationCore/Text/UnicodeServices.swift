import UnicodeSupport

/// ICU's normalization and confusable skeletons, as Swift strings.
///
/// Every call crosses into ICU and costs hundreds of nanoseconds, so callers use these per distinct scalar
/// (see `ScalarTable`) and never per character of a comment. When ICU fails (it only does on allocation
/// failure) the input is returned unchanged: matching degrades, it never crashes.
enum UnicodeServices {
    /// Unicode's toNFKC_Casefold: NFKC, full case folding, default-ignorable code points removed.
    static func nfkcCasefold(_ text: String) -> String {
        transform(text, cm_nfkc_casefold)
    }

    /// Canonical decomposition.
    static func nfd(_ text: String) -> String {
        transform(text, cm_nfd)
    }

    /// The Unicode TS #39 confusable skeleton (already in NFD).
    static func skeleton(_ text: String) -> String {
        transform(text, cm_confusable_skeleton)
    }

    private typealias UTF8Transform = (
        UnsafePointer<CChar>?, Int32, UnsafeMutablePointer<CChar>?, Int32
    ) -> Int32

    private static func transform(_ text: String, _ function: UTF8Transform) -> String {
        var input = text
        return input.withUTF8 { source -> String in
            guard source.count < Int(Int32.max) / 4 else { return text }
            let length = Int32(source.count)
            return source.withMemoryRebound(to: CChar.self) { source -> String in
                var capacity = max(64, source.count * 4)
                // One retry suffices: a too-small buffer reports the exact size needed.
                for _ in 0..<2 {
                    var written: Int32 = -1
                    let result = String(unsafeUninitializedCapacity: capacity) { output -> Int in
                        output.withMemoryRebound(to: CChar.self) { output in
                            written = function(source.baseAddress, length, output.baseAddress, Int32(capacity))
                        }
                        return written >= 0 && Int(written) <= capacity ? Int(written) : 0
                    }
                    if written < 0 { return text }
                    if Int(written) <= capacity { return result }
                    capacity = Int(written)
                }
                return text
            }
        }
    }
}

import Foundation

extension String {
    /// Whether the text holds U+0000, which PostgreSQL text cannot store. Every bound value is checked, so
    /// this is `memchr` over the contiguous UTF-8 rather than a walk through the UTF-8 view.
    var containsNUL: Bool {
        utf8.withContiguousStorageIfAvailable { bytes in
            bytes.baseAddress.map { memchr($0, 0, bytes.count) != nil } ?? false
        } ?? utf8.contains(0)
    }
}

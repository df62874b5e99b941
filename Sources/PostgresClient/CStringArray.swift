#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// C copies of Swift strings that stay valid as long as this object lives (libpq's `const char * const *`
/// parameters); nil entries stay NULL.
final class CStringArray {
    let pointers: [UnsafePointer<CChar>?]

    init(_ strings: [String?]) {
        pointers = strings.map { string in string.flatMap { strdup($0) }.map { UnsafePointer($0) } }
    }

    deinit {
        for pointer in pointers {
            free(UnsafeMutablePointer(mutating: pointer))
        }
    }
}

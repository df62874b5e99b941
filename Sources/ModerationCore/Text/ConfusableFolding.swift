/// Maps look-alike characters to one prototype, per Unicode TS #39, with one deliberate change: ASCII
/// letters and digits are their own prototypes.
///
/// The plain TS #39 skeleton maps "m" to "rn" and "0" to "O", so skeleton-to-skeleton comparison would make
/// "modern" equal "modem" and "burn" equal "bum" — innocent English words hitting list entries. Here only
/// non-ASCII characters are replaced: by the ASCII letter or digit with the same skeleton when there is one
/// (Cyrillic "а", "і", "ѕ", Greek "ο", "ν"; anything whose skeleton is "rn" becomes "m"), otherwise by their
/// case-folded skeleton. So "раураl" (Cyrillic) folds to "paypal" and "vіagra" with a Cyrillic "і" to
/// "viagra", while ASCII text is compared as written (after case folding).
enum ConfusableFolding {
    /// Folds NFKC_Casefold'ed, NFD scalars (letters, marks, numbers). Iterates to a fixed point so that
    /// folding a folded word changes nothing (TS #39 prototypes are not always case-folded).
    static func fold(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var current = scalars
        for _ in 0..<4 {
            var next: [Unicode.Scalar] = []
            next.reserveCapacity(current.count)
            for scalar in current { next.append(contentsOf: prototype(of: scalar)) }
            if next == current { break }
            current = next
        }
        return current
    }

    private static func prototype(of scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        if scalar.isASCII { return [asciiLowercase(scalar)] }
        let skeleton = UnicodeServices.skeleton(String(scalar))
        if let ascii = asciiPrototypes[skeleton] { return [ascii] }
        let folded = UnicodeServices.nfd(UnicodeServices.nfkcCasefold(skeleton))
        if let ascii = asciiPrototypes[folded] { return [ascii] }
        let words = folded.unicodeScalars.filter(ScalarInfo.isWordScalar)
        // A letter whose look-alike is punctuation (U+02BC looks like an apostrophe) stays itself: folding it
        // away would glue or split words differently from how they read.
        return words.isEmpty ? [scalar] : words.map(asciiLowercase)
    }

    private static func asciiLowercase(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        (65...90).contains(scalar.value) ? Unicode.Scalar(UInt8(scalar.value + 32)) : scalar
    }

    /// TS #39 skeleton of each ASCII digit and lowercase letter → that character. Letters come last so they
    /// win where a digit shares their skeleton ("1" and "l" both have skeleton "l").
    private static let asciiPrototypes: [String: Unicode.Scalar] = {
        var table: [String: Unicode.Scalar] = [:]
        for scalar in "0123456789abcdefghijklmnopqrstuvwxyz".unicodeScalars {
            table[UnicodeServices.skeleton(String(scalar))] = scalar
        }
        return table
    }()
}

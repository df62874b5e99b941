/// Maps look-alike characters to one prototype, per Unicode TS #39, with one deliberate change: ASCII
/// letters and digits are their own prototypes.
///
/// The plain TS #39 skeleton maps "m" to "rn" and "0" to "O", so skeleton-to-skeleton comparison would make
/// "modern" equal "modem" and "burn" equal "bum" — innocent English words hitting list entries. Here only
/// non-ASCII characters are replaced: by the ASCII letter or digit with the same skeleton when there is one
/// (Cyrillic "а", "і", "ѕ", Greek "ο", "ν"; anything whose skeleton is "rn" becomes "m"), otherwise by their
/// skeleton when case folding leaves it unchanged. So "раураl" (Cyrillic) folds to "paypal" and "vіagra"
/// with a Cyrillic "і" to "viagra", while ASCII text is compared as written (after case folding).
enum ConfusableFolding {
    /// Folds NFKC_Casefold'ed, NFD scalars (letters, marks, numbers). Iterates to a fixed point so that
    /// folding a folded word changes nothing.
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
        // A prototype from a script with spaces for one without (a Hangul vowel looks like the Han "丨"), or
        // the reverse, is not used: word boundaries would move between normalizing once and twice.
        let spaceless = ScalarInfo.isWrittenWithoutSpaces(scalar)
        let skeleton = UnicodeServices.skeleton(String(scalar))
        if !spaceless, let ascii = asciiPrototypes[skeleton] { return [ascii] }
        let folded = UnicodeServices.nfd(UnicodeServices.nfkcCasefold(skeleton))
        if !spaceless, let ascii = asciiPrototypes[folded] { return [ascii] }
        // A prototype that case folding would change again ("β" looks like "ß", which folds to "ss") is not
        // used: the result must be stable, or normalizing twice would differ from normalizing once. Nor is
        // a prototype that isn't a letter (U+02BC looks like an apostrophe): it would split the word.
        let prototype = Array(skeleton.unicodeScalars)
        guard folded == skeleton,
              prototype.allSatisfy({
                  ScalarInfo.isWordScalar($0) && ScalarInfo.isWrittenWithoutSpaces($0) == spaceless
              })
        else { return [scalar] }
        return prototype
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

/// Random texts for the body-pass property tests: each a few pieces drawn from a list, joined, so that
/// the pieces meet in every order and combination.
enum BodyPassRandomTexts {
    /// `count` texts of 1 to `maximumPieces` pieces of `pieces` each, the same for the same `seed`.
    static func texts(from pieces: [String], count: Int, maximumPieces: Int, seed: UInt64) -> [String] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let length = Int.random(in: 1...maximumPieces, using: &generator)
            return (0..<length).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
        }
    }
}

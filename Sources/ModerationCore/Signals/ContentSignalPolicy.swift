/// Thresholds for the content signals of ``ContentSignals``.
public struct ContentSignalPolicy: Sendable, Hashable {
    /// Share of cased letters that are capitals from which a body counts as shouting (0.7 = 70%);
    /// 0 or less turns the signal off.
    public var capitalsRatio: Double = 0.7
    /// Bodies with fewer cased letters than this are never called shouting ("OK!", "NASA rocks").
    public var minLettersForCapitals: Int = 20
    /// Length from which a run of one repeated character is reported; below 2 turns the signal off.
    public var repeatedCharacterRun: Int = 10

    /// Defaults: 70% capitals among at least 20 cased letters, runs of 10.
    public init(capitalsRatio: Double = 0.7, minLettersForCapitals: Int = 20, repeatedCharacterRun: Int = 10) {
        self.capitalsRatio = capitalsRatio
        self.minLettersForCapitals = minLettersForCapitals
        self.repeatedCharacterRun = repeatedCharacterRun
    }
}

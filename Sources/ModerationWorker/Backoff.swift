/// Capped exponential backoff with full jitter, so many workers reconnecting to a restarted server
/// spread out instead of arriving together.
struct Backoff: Sendable {
    let initial: Duration
    let maximum: Duration
    private(set) var failures = 0

    init(initial: Duration, maximum: Duration) {
        self.initial = initial
        self.maximum = maximum
    }

    /// The delay before the next attempt: uniformly random in [cap/2, cap], cap = min(max, initial·2ⁿ).
    mutating func next<R: RandomNumberGenerator>(using generator: inout R) -> Duration {
        let exponent = min(failures, 30)
        failures += 1
        let cap = min(maximum, initial * (1 << exponent))
        let fraction = Double.random(in: 0.5...1, using: &generator)
        return cap * fraction
    }

    mutating func next() -> Duration {
        var generator = SystemRandomNumberGenerator()
        return next(using: &generator)
    }

    mutating func reset() { failures = 0 }
}

@testable import ModerationWorker
import Testing

@Suite("claim cursor")
struct ClaimCursorTests {
    @Test("claims stay whole until what is left would not fill a batch per connection")
    func wholeUntilTheEnd() {
        let cursor = ClaimCursor(1_000, connections: 4)
        // Nothing learnt yet: whole claims.
        #expect(cursor.nextClaim(batchSize: 500) == (1_000, nil))
        cursor.learn(lastQueued: 10_999)
        #expect(cursor.nextClaim(batchSize: 500) == (1_000, nil))
        // 2,000 left: exactly a batch each, still whole.
        cursor.advance(past: 8_999)
        #expect(cursor.nextClaim(batchSize: 500) == (9_000, nil))
        // 1,000 left: a quarter each.
        cursor.advance(past: 9_999)
        #expect(cursor.nextClaim(batchSize: 500) == (10_000, 10_250))
        // 3 left: the smallest share a claim takes is an eighth of a batch.
        cursor.advance(past: 10_996)
        #expect(cursor.nextClaim(batchSize: 500) == (10_997, 11_059))
        // Past the last queued id (new comments may have come since): whole claims again.
        cursor.advance(past: 11_500)
        #expect(cursor.nextClaim(batchSize: 500) == (11_501, nil))
    }

    @Test("the sweep from the queue's start and a single connection are never narrowed")
    func neverNarrowed() {
        let sweep = ClaimCursor(0, connections: 4)
        sweep.learn(lastQueued: 100)
        #expect(sweep.nextClaim(batchSize: 500) == (0, nil))
        let single = ClaimCursor(50, connections: 1)
        single.learn(lastQueued: 100)
        #expect(single.nextClaim(batchSize: 500) == (50, nil))
        let empty = ClaimCursor(50, connections: 4)
        empty.learn(lastQueued: nil)
        #expect(empty.nextClaim(batchSize: 500) == (50, nil))
    }

    @Test("a rewind moves the next claim back; an advance never moves it back")
    func rewindAndAdvance() {
        let cursor = ClaimCursor(500, connections: 2)
        cursor.advance(past: 100)
        #expect(cursor.position == 500)
        cursor.rewind(to: 300)
        #expect(cursor.position == 300)
        cursor.rewind(to: 400)
        #expect(cursor.position == 300)
    }
}

@testable import ModerationWorker
import Testing

@Suite("claim cursor")
struct ClaimCursorTests {
    @Test("claims stay whole until what is left would not fill a batch per connection")
    func wholeUntilTheEnd() {
        let cursor = ClaimCursor(1_000, connections: 4)
        // Nothing learnt yet: whole claims, each starting past the batch before it.
        #expect(cursor.nextClaim(batchSize: 500) == (1_000, nil))
        cursor.learn(lastQueued: 10_999)
        #expect(cursor.nextClaim(batchSize: 500) == (1_500, nil))
        // 2,000 left: exactly a batch each, still whole.
        cursor.wholeBatchReturned(upTo: 8_999)
        #expect(cursor.nextClaim(batchSize: 500) == (9_000, nil))
        // 1,000 left: a quarter each, and the next claim takes a quarter of what that leaves.
        cursor.wholeBatchReturned(upTo: 9_999)
        #expect(cursor.nextClaim(batchSize: 500) == (10_000, 10_250))
        #expect(cursor.nextClaim(batchSize: 500) == (10_250, 10_438))
        // 3 left: the smallest share a claim takes is an eighth of a batch.
        cursor.wholeBatchReturned(upTo: 10_996)
        #expect(cursor.nextClaim(batchSize: 500) == (10_997, 11_059))
        // Past the last queued id (new comments may have come since): whole claims again.
        cursor.wholeBatchReturned(upTo: 11_500)
        #expect(cursor.nextClaim(batchSize: 500) == (11_501, nil))
    }

    @Test("claims handed out before any returns start past each other; a return past the reservation moves on")
    func claimsInFlightDoNotOverlap() {
        let cursor = ClaimCursor(1_000, connections: 4)
        let starts = (0..<4).map { _ in cursor.nextClaim(batchSize: 500).from }
        #expect(starts == [1_000, 1_500, 2_000, 2_500])
        // The first claim took ids up to 1,499 as reserved: the cursor stays past every reservation.
        cursor.wholeBatchReturned(upTo: 1_499)
        #expect(cursor.position == 3_000)
        // A claim whose ids had gaps took ids past its reservation: the next claim starts after them.
        cursor.wholeBatchReturned(upTo: 3_200)
        #expect(cursor.nextClaim(batchSize: 500) == (3_201, nil))
        // Near the end, claims in flight take successive shares.
        cursor.learn(lastQueued: 4_700)
        #expect(cursor.nextClaim(batchSize: 500) == (3_701, 3_951))
        #expect(cursor.nextClaim(batchSize: 500) == (3_951, 4_139))
        // No reservation runs past the largest id.
        let last = ClaimCursor(Int64.max - 10, connections: 2)
        #expect(last.nextClaim(batchSize: 500) == (Int64.max - 10, nil))
        #expect(last.position == Int64.max)
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

    @Test("a sweep sends one claim to the queue's start and the others on from the cursor; from 0 nothing is reserved")
    func sweepIsOneClaim() {
        let cursor = ClaimCursor(5_000, connections: 4)
        cursor.sweep()
        #expect(cursor.nextClaim(batchSize: 500) == (0, nil))
        #expect(cursor.nextClaim(batchSize: 500) == (5_000, nil))
        #expect(cursor.nextClaim(batchSize: 500) == (5_500, nil))
        // Where the queue starts is not known: claims from 0 start there until one returns.
        let start = ClaimCursor(0, connections: 4)
        #expect(start.nextClaim(batchSize: 500) == (0, nil))
        #expect(start.nextClaim(batchSize: 500) == (0, nil))
        start.wholeBatchReturned(upTo: 7_499)
        #expect(start.nextClaim(batchSize: 500) == (7_500, nil))
    }

    @Test("a claim that took less than a batch gives its reservation back; a full one never moves the cursor back")
    func partialClaimsGiveBack() {
        let idle = ClaimCursor(500, connections: 1)
        // Nothing queued: the next claim starts where this one did, not a batch further on.
        #expect(idle.nextClaim(batchSize: 100) == (500, nil))
        idle.claimReturned(from: 500, before: nil, lastID: nil, full: false)
        #expect(idle.position == 500)
        // One comment: the next claim starts right after it.
        #expect(idle.nextClaim(batchSize: 100) == (500, nil))
        idle.claimReturned(from: 500, before: nil, lastID: 503, full: false)
        #expect(idle.position == 504)
        // A sweep from the queue's start that found nothing leaves the cursor where it was.
        idle.sweep()
        #expect(idle.nextClaim(batchSize: 100) == (0, nil))
        idle.claimReturned(from: 0, before: nil, lastID: nil, full: false)
        #expect(idle.position == 504)
        // A narrowed claim took everything below its end, whatever it found.
        let end = ClaimCursor(900, connections: 2)
        end.claimReturned(from: 900, before: 950, lastID: 910, full: false)
        #expect(end.position == 950)
    }

    @Test("a rewind moves the next claim back; a returning claim never moves it back past what it took")
    func rewindAndAdvance() {
        let cursor = ClaimCursor(500, connections: 2)
        cursor.wholeBatchReturned(upTo: 100)
        #expect(cursor.position == 500)
        cursor.rewind(to: 300)
        #expect(cursor.position == 300)
        cursor.rewind(to: 400)
        #expect(cursor.position == 300)
    }
}

extension ClaimCursor {
    /// A claim that took a whole batch returned, its last id `lastID` (where it started does not matter then).
    fileprivate func wholeBatchReturned(upTo lastID: Int64) {
        claimReturned(from: 0, before: nil, lastID: lastID, full: true)
    }
}

import Foundation
import ModerationCore
import ModerationStore
import PostgresClient

/// What one batch did.
struct BatchOutcome: Sendable {
    var claimed = 0
    /// The first claimed comment the batch left queued (a suspect waiting to be judged alone, a failure),
    /// where the next claim starts; nil when every claimed comment was decided.
    var resumeID: Int64?
    var decided: [Decision: Int] = [:]
    var published = 0
    var quarantined = 0
    /// Comments whose judging threw this time (left queued, their attempt recorded).
    var failed: [(id: Int64, error: String)] = []
    /// Quarantined comment ids, for the warning line.
    var quarantinedIDs: [Int64] = []
    /// The claim took only its share of a backlog's last comments (`ClaimCursor.nextClaim`): more may follow.
    var narrowed = false

    /// Whether some claimed comments are still queued (failed, or waiting to be judged alone).
    var leftQueued: Bool { claimed > decided.values.reduce(0, +) }
}

/// Judges one comment; the worker's default is `CommentJudge`. Injectable so tests can make a comment
/// fail the way a bug would.
public typealias JudgeFunction = @Sendable (ClaimedComment, SiteRules, CommentFacts) throws -> Verdict

/// One batch, one transaction: claim with facts → record the claim → judge in memory → write back → commit.
struct BatchProcessor: Sendable {
    let configuration: WorkerConfiguration
    let judge: JudgeFunction
    let watchdog: JudgeWatchdog

    /// Claims from `cursor`'s position on (see `QueueStore.claim`), moves it past what was claimed at once,
    /// and back when the batch rolls back or leaves comments queued.
    func run(db: PostgresConnection, claims: PostgresConnection, rules: RuleBook, cursor: ClaimCursor) async throws -> BatchOutcome {
        let (firstID, endID) = cursor.nextClaim(batchSize: configuration.batchSize)
        do {
            let outcome = try await db.transaction { tx in
                try await runInTransaction(tx, claims: claims, rules: rules, from: firstID, before: endID, cursor: cursor)
            }
            if let resume = outcome.resumeID { cursor.rewind(to: resume) }
            return outcome
        } catch {
            // Whatever this batch claimed is queued again (or was never taken): claim it next.
            cursor.rewind(to: firstID)
            throw error
        }
    }

    private func runInTransaction(
        _ tx: PostgresConnection, claims: PostgresConnection, rules: RuleBook, from firstID: Int64, before endID: Int64?,
        cursor: ClaimCursor
    ) async throws -> BatchOutcome {
        let claimed = try await QueueStore.claim(limit: configuration.batchSize, from: firstID, before: endID, on: tx)
        var outcome = BatchOutcome(claimed: claimed.count, narrowed: endID != nil)
        cursor.claimReturned(
            from: firstID, before: endID, lastID: claimed.last?.id, full: claimed.count >= configuration.batchSize)
        guard !claimed.isEmpty else { return outcome }
        // Read in place: copying a comment retains each of its strings.
        let (unknownSite, anyFailedBefore) = claimed.withUnsafeBufferPointer { comments in
            var (unknownSite, anyFailedBefore) = (false, false)
            for index in comments.indices {
                if let siteID = comments[index].input.siteID, !rules.contains(siteID) { unknownSite = true }
                anyFailedBefore = anyFailedBefore || comments[index].failedAttempts > 0
            }
            return (unknownSite, anyFailedBefore)
        }
        if unknownSite {
            // A site registered after the last reload: roll back, reload, claim again.
            throw BatchNeedsRules()
        }

        // Nearly every batch has no comment that failed before: it judges the claimed array as it is,
        // without copying each comment into a filtered one.
        let poisoned = anyFailedBefore ? claimed.filter { $0.failedAttempts >= configuration.maxAttempts } : []
        let suspects = anyFailedBefore
            ? claimed.filter { $0.failedAttempts > 0 && $0.failedAttempts < configuration.maxAttempts } : []
        // A comment that failed before is judged alone, so that if it brings the worker down again the
        // attempt is counted against it only and not against innocent neighbours.
        let toJudge = !anyFailedBefore ? claimed
            : suspects.isEmpty ? claimed.filter { $0.failedAttempts == 0 } : [suspects[0]]

        var decisions = poisoned.map(quarantine)
        decisions.reserveCapacity(poisoned.count + toJudge.count)
        outcome.quarantinedIDs = poisoned.map { $0.id }
        outcome.quarantined = poisoned.count

        var claimID: Int64?
        if !toJudge.isEmpty {
            // The claim record commits on the other connection before any comment is judged, so the
            // evidence exists before the code that might crash runs.
            claimID = try await QueueStore.recordClaim(worker: configuration.workerID, ids: toJudge.map { $0.id }, on: claims)
            let watch = watchdog.begin()
            defer { watchdog.end(watch) }
            // Read in place, and the site's rules looked up once per run of comments from one site:
            // copying a comment or a site's rules retains every reference in it.
            toJudge.withUnsafeBufferPointer { comments in
                var site: String?
                var entry: RuleBook.Entry?
                for index in comments.indices {
                    if index == 0 || comments[index].input.siteID != site {
                        site = comments[index].input.siteID
                        entry = rules.entry(for: site)
                    }
                    do {
                        decisions.append(try decide(comments[index], entry: entry))
                    } catch {
                        outcome.failed.append((comments[index].id, String(describing: error)))
                    }
                }
            }
        }

        let claim = claimID.map {
            QueueStore.ClaimCompletion(id: $0, failed: outcome.failed.map(\.id), error: outcome.failed.last?.error)
        }
        for index in decisions.indices { outcome.decided[decisions[index].decision, default: 0] += 1 }
        if decisions.count < claimed.count {
            let decidedIDs = Set(decisions.map { $0.commentID })
            outcome.resumeID = claimed.first { !decidedIDs.contains($0.id) }?.id
        }
        // The comments' texts are not needed past judging, nor the decisions past their encoding in the
        // write: each in-flight comment held three copies of its text and HTML at once, which set how
        // many a batch could hold within the worker's memory budget.
        _ = consume toJudge
        _ = consume claimed
        let written = try await QueueStore.write(consume decisions, actor: configuration.workerID, finishing: claim, on: tx)
        outcome.published = written.published
        return outcome
    }

    private func decide(_ comment: ClaimedComment, entry: RuleBook.Entry?) throws -> DecisionRecord {
        switch entry {
        case .rules(let compiled):
            let verdict = try judge(comment, compiled.rules, comment.facts)
            return DecisionRecord(
                for: comment, decision: verdict.decision, reasons: verdict.reasons, bodyHTML: verdict.bodyHTML)
        case .invalid(let problem):
            let reason = Reason(
                code: "site_rules_invalid", rule: "sites.policy", action: .hold,
                message: "The site's stored rules cannot be used (\(problem)); held until they are fixed.")
            return DecisionRecord(for: comment, decision: .hold, reasons: [reason], bodyHTML: nil)
        case nil:
            // Only reachable for a comment without a site id, which the schema does not allow.
            let reason = Reason(code: "unknown_site", field: .siteID, action: .hold, message: "The comment has no known site.")
            return DecisionRecord(for: comment, decision: .hold, reasons: [reason], bodyHTML: nil)
        }
    }

    private func quarantine(_ comment: ClaimedComment) -> DecisionRecord {
        let error = comment.lastError ?? "the worker stopped while processing it"
        let reason = Reason(
            code: "processing_error", rule: "max_attempts", action: .hold,
            message: "Processing failed \(comment.failedAttempts) times; held for a moderator.")
        return DecisionRecord(
            for: comment, decision: .hold, reasons: [reason], bodyHTML: nil,
            note: "quarantined after \(comment.failedAttempts) failed attempts: \(error)")
    }
}

struct BatchNeedsRules: Error {}

import PostgresClient

/// A batch's decisions as the write statement's array parameters, one array per column.
///
/// Built in one pass that reads each decision in place: a `map` per column through a key path copied the
/// whole record, retaining everything in it, once per column. The long columns go in PostgreSQL's binary
/// array format: as text literals, the server would read every character of the batch's HTML and reasons
/// to find where each element ends.
struct BatchWriteColumns {
    let ids: PostgresBinaryArray
    /// `ctid`s as text (`(page,item)`), which `tid[]` reads.
    let commentRows: [String]
    let queueEntries: [String]
    let statuses: PostgresBinaryArray
    let reasons: PostgresBinaryArray
    let html: PostgresBinaryArray
    let notes: PostgresBinaryArray
    let authorsWereApproved: PostgresBinaryArray

    init(_ decisions: [DecisionRecord]) {
        var ids: [Int64] = []
        var commentRows: [String] = []
        var queueEntries: [String] = []
        var statuses: [String?] = []
        var reasons: [String?] = []
        var html: [String?] = []
        var notes: [String?] = []
        var authorsWereApproved: [Bool] = []
        ids.reserveCapacity(decisions.count)
        commentRows.reserveCapacity(decisions.count)
        queueEntries.reserveCapacity(decisions.count)
        statuses.reserveCapacity(decisions.count)
        reasons.reserveCapacity(decisions.count)
        html.reserveCapacity(decisions.count)
        notes.reserveCapacity(decisions.count)
        authorsWereApproved.reserveCapacity(decisions.count)
        for index in decisions.indices {
            ids.append(decisions[index].commentID)
            commentRows.append(decisions[index].rows.comment)
            queueEntries.append(decisions[index].rows.queueEntry)
            statuses.append(decisions[index].decision.status)
            reasons.append(ReasonsJSON.encode(decisions[index].reasons))
            html.append(decisions[index].bodyHTML)
            notes.append(decisions[index].note)
            authorsWereApproved.append(decisions[index].authorWasApproved)
        }
        self.ids = .bigint(ids)
        self.commentRows = commentRows
        self.queueEntries = queueEntries
        self.statuses = .text(statuses)
        self.reasons = .jsonb(reasons)
        self.html = .text(html)
        self.notes = .text(notes)
        self.authorsWereApproved = .boolean(authorsWereApproved)
    }
}

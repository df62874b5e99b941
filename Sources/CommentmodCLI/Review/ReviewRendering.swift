import Foundation
import ModerationStore

/// How review commands show comments, outcomes and refusals to a person.
enum ReviewRendering {
    static func table(_ comments: [ReviewComment], now: Date, style: TextStyle) -> String {
        var table = TextTable([
            .init("ID", alignRight: true), .init("V", alignRight: true),
            .init("STATUS", paint: { $1.status($0) }),
            .init("AGE", alignRight: true), .init("SITE/POST", maxWidth: 24), .init("AUTHOR", maxWidth: 20),
            .init("EMAIL", maxWidth: 28), .init("REASONS", maxWidth: 30), .init("BODY", maxWidth: 50),
        ])
        for comment in comments {
            table.append([
                String(comment.id), String(comment.version), comment.status,
                RelativeAge.describe(seconds: now.timeIntervalSince(comment.submittedAt)),
                comment.siteId + "/" + (comment.postId ?? "-"), comment.authorName ?? "-", comment.authorEmail ?? "-",
                comment.reasons.isEmpty ? "-" : comment.reasons.map(\.code).joined(separator: ","), comment.body ?? "",
            ])
        }
        return table.render(style: style)
    }

    static func detail(_ detail: ReviewDetail, now: Date, style: TextStyle) -> String {
        let c = detail.comment
        func v(_ text: String?) -> String { text.map(TextStyle.visible) ?? "-" }
        func when(_ date: Date?) -> String {
            guard let date else { return "-" }
            return "\(timestamp(date)) (\(RelativeAge.describe(seconds: now.timeIntervalSince(date))) ago)"
        }
        var lines = [
            style.bold("comment \(c.id)") + "  " + style.status(c.status) + "  version \(c.version)",
            "site       \(v(c.siteId))   post \(v(c.postId))   parent \(c.parentId.map(String.init) ?? "-")",
            "author     \(v(c.authorName))",
            "email      \(v(c.authorEmail))",
            "website    \(v(c.authorUrl))",
            "ip         \(v(c.authorIp))",
            "user agent \(v(c.userAgent))",
            "referrer   \(v(c.referrer))",
            "submitted  \(when(c.submittedAt))",
            "decided    \(when(c.decidedAt))",
            "published  \(when(c.publishedAt))",
            "",
        ]
        // The body as written, line by line, each line made terminal-safe.
        let body = (c.body ?? "(no body)").split(separator: "\n", omittingEmptySubsequences: false)
        lines += body.map { "    " + TextStyle.visible(String($0)) }
        lines.append("")
        lines.append(style.bold("reasons"))
        if c.reasons.isEmpty { lines.append("  none") }
        for reason in c.reasons { lines.append("  " + reasonLine(reason, style: style)) }
        lines.append("")
        lines.append(style.bold("history"))
        for event in detail.events {
            let age = RelativeAge.describe(seconds: now.timeIntervalSince(event.at))
            var text = "  #\(event.id)  \(timestamp(event.at)) (\(age) ago)  \(TextStyle.visible(event.actor))  "
            switch event.kind {
            case "note":
                text += "note: " + TextStyle.visible(event.note ?? "")
            case "erasure":
                text += "personal data erased"
            default:
                text += "\(event.fromStatus.map(style.status) ?? "new") → \(style.status(event.toStatus))"
                if let version = event.version { text += "  v\(version)" }
                if let action = event.actionId { text += "  action \(action)" }
                let codes = event.reasons.map(\.code)
                if !codes.isEmpty { text += "  [" + codes.joined(separator: ", ") + "]" }
                if let message = event.reasons.first(where: { $0.code == "moderator_decision" })?.message {
                    text += "  \"" + TextStyle.visible(message) + "\""
                }
                if let note = event.note { text += "  note: " + TextStyle.visible(note) }
            }
            lines.append(text)
        }
        lines.append("")
        lines.append(style.bold("other recent comments from the same email or IP on this site"))
        if detail.related.isEmpty {
            lines.append("  none")
        } else {
            var table = TextTable([
                .init("ID", alignRight: true), .init("STATUS", paint: { $1.status($0) }), .init("AGE", alignRight: true),
                .init("SAME"),
                .init("POST", maxWidth: 20), .init("AUTHOR", maxWidth: 20), .init("BODY", maxWidth: 50),
            ])
            for r in detail.related {
                let same = [r.sameEmail ? "email" : nil, r.sameIp ? "ip" : nil].compactMap { $0 }.joined(separator: "+")
                table.append([
                    String(r.id), r.status, RelativeAge.describe(seconds: now.timeIntervalSince(r.submittedAt)), same,
                    r.postId ?? "-", r.authorName ?? "-", r.body ?? "",
                ])
            }
            lines += table.render(style: style).split(separator: "\n").map { "  " + $0 }
        }
        return lines.joined(separator: "\n")
    }

    static func reasonLine(_ reason: StoredReason, style: TextStyle) -> String {
        var parts = [reason.action ?? "-", reason.code]
        if let field = reason.field { parts.append(field) }
        if let match = reason.match { parts.append("\"" + TextStyle.visible(match) + "\"") }
        if let rule = reason.rule { parts.append(style.dim("[" + TextStyle.visible(rule) + "]")) }
        if let message = reason.message { parts.append(TextStyle.visible(message)) }
        return parts.joined(separator: "  ")
    }

    static func verb(_ decision: ReviewDecision) -> String {
        switch decision {
        case .approve: "approve"
        case .reject: "reject"
        case .spam: "mark as spam"
        case .restore: "restore"
        }
    }

    static func outcome(_ outcome: DecisionOutcome, decision: ReviewDecision, style: TextStyle) -> String {
        var lines: [String] = []
        if !outcome.changed.isEmpty {
            let ids = idList(outcome.changed.map(\.id))
            lines.append("\(style.status(decision.status)): \(countText(outcome.changed.count)) (\(ids))")
            if let action = outcome.actionId, let event = outcome.changed.first?.eventId {
                lines.append(style.dim("action \(action); undo with: commentmod review undo \(event)"))
            }
        }
        if !outcome.unchanged.isEmpty {
            lines.append("already \(decision.status): \(countText(outcome.unchanged.count)) (\(idList(outcome.unchanged)))")
        }
        return lines.joined(separator: "\n")
    }

    static func undo(_ outcome: UndoOutcome, style: TextStyle) -> String {
        var lines = ["undid action \(outcome.undoneActionId) (\(outcome.undoneCommand)): \(countText(outcome.changed.count)) reverted"]
        for change in outcome.changed.prefix(20) {
            lines.append("  \(change.id)  \(style.status(change.fromStatus)) → \(style.status(change.toStatus))")
        }
        if outcome.changed.count > 20 { lines.append("  … and \(outcome.changed.count - 20) more") }
        if !outcome.unchanged.isEmpty {
            lines.append("already as before: \(countText(outcome.unchanged.count)) (\(idList(outcome.unchanged)))")
        }
        if let event = outcome.changed.first?.eventId {
            lines.append(style.dim("action \(outcome.actionId); redo with: commentmod review undo \(event)"))
        }
        return lines.joined(separator: "\n")
    }

    static func countText(_ count: Int) -> String { "\(count) comment\(count == 1 ? "" : "s")" }

    static func idList(_ ids: [Int64], limit: Int = 10) -> String {
        let shown = ids.prefix(limit).map(String.init).joined(separator: ", ")
        return ids.count > limit ? shown + ", … \(ids.count - limit) more" : shown
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}

extension ReviewError: CommandFailureConvertible {
    var commandFailure: CommandFailure {
        switch self {
        case .unknownComments(let ids):
            return CommandFailure(ids.count == 1 ? "no comment has id \(ids[0]); nothing changed"
                                                 : "no comments have ids \(ReviewRendering.idList(ids)); nothing changed")
        case .conflicts(let conflicts):
            let described = conflicts.prefix(3).map(Self.describe).joined(separator: "; ")
            let more = conflicts.count > 3 ? "; and \(conflicts.count - 3) more" : ""
            return CommandFailure("\(described)\(more); nothing changed (look again with `commentmod review show`, or pass --force)")
        case .unknownEvent(let id):
            return CommandFailure("no event has id \(id); nothing changed")
        case .notUndoable(let why):
            return CommandFailure("cannot undo: \(why)")
        case .nothingToUndo(let actor):
            return CommandFailure("nothing to undo: \(TextStyle.visible(actor)) has no decision left that is not undone")
        case .alreadyUndone(let action, let by):
            return CommandFailure("action \(action) was already undone by \(TextStyle.visible(by)); nothing changed")
        case .inconsistent(let why):
            return CommandFailure("refused: \(why)")
        }
    }

    private static func describe(_ conflict: ReviewConflict) -> String {
        var text: String
        switch conflict.problem {
        case .pending:
            text = "comment \(conflict.id) is pending: the worker has not decided it yet"
        case .noBody:
            text = "comment \(conflict.id) has no body (erased): there is nothing to publish"
        case .changed:
            text = "comment \(conflict.id) changed"
            if let expected = conflict.expectedVersion { text += " since version \(expected)" }
        }
        if conflict.problem != .noBody, let last = conflict.lastChange {
            let how = last.kind == "decision"
                ? "\(last.fromStatus ?? "new") → \(last.toStatus)"
                : last.kind
            text += ": \(TextStyle.visible(last.actor)) \(how) \(RelativeAge.describe(seconds: last.secondsAgo)) ago"
        }
        return text + "; it is now \(conflict.status), version \(conflict.version)"
    }
}

import Foundation
import ModerationCore

/// Answers each input line of `check` with a verdict, as JSON or as text for a person. The judge, rules
/// and decoder are built once and reused for every line.
struct CheckCommentHandler: CheckLineHandler {
    enum Format {
        case json
        case text(TextStyle)
    }

    private let judge = CommentJudge()
    private let rules: SiteRules
    private let format: Format
    private let decoder = JSONDecoder()
    private(set) var unreadableLines = 0
    private var counts: [Decision: Int] = [:]

    init(rules: SiteRules, format: Format) {
        self.rules = rules
        self.format = format
    }

    mutating func answer(_ line: CheckLine, into output: inout CheckOutput) {
        switch CheckInput.read(line, with: decoder) {
        case let .success(input):
            let verdict = judge.judge(input.comment, rules: rules, facts: input.facts)
            counts[verdict.decision, default: 0] += 1
            switch format {
            case .json: CheckJSON.append(verdict, to: &output)
            case let .text(style): output.append(CheckTextRendering.block(line: line.number, verdict, style: style))
            }
        case let .failure(error):
            unreadableLines += 1
            switch format {
            case .json: CheckJSON.appendError(line: line.number, message: error.description, to: &output)
            case let .text(style): output.append(CheckTextRendering.errorBlock(line: line.number, error.description, style: style))
            }
        }
    }

    mutating func finish(linesRead: Int, into output: inout CheckOutput) {
        guard case let .text(style) = format else { return }
        output.append(CheckTextRendering.summary(lines: linesRead, counts: counts, unreadable: unreadableLines, style: style))
    }
}

import Foundation
import ModerationCore

/// One input line of `check`: a comment as `moderation.submit_comment` takes it (`site_id`, `post_id`,
/// `author_name`, `author_email`, `author_url`, `body`, `parent_id`, `author_ip`, `user_agent`; any may be
/// missing or null), plus an optional `facts` object with `CommentFacts`' snake_case fields
/// (`previously_approved_count`, `seconds_since_last_from_ip`, `seconds_since_last_from_email`,
/// `duplicate_on_post`, `blocks`) standing in for what the worker would load from the database.
/// Other keys are ignored, so rows carrying extra columns (`id`, `referrer`) can be piped as they are.
struct CheckInput: Decodable {
    var comment: CommentInput
    var facts: CommentFacts

    private enum CodingKeys: String, CodingKey {
        case facts
    }

    init(from decoder: any Decoder) throws {
        comment = try CommentInput(from: decoder)
        facts = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(CommentFacts.self, forKey: .facts) ?? .none
    }

    /// Names of the members that hold integers (`parent_id`, `facts.previously_approved_count`,
    /// `facts.blocks[].id`), to point at the one a fraction or an out-of-range number was given for.
    static let integerKeys: Set<String> = ["parent_id", "previously_approved_count", "id"]

    /// Reads one line; a line that is not exactly one such object gives a one-line explanation instead.
    static func read(_ line: CheckLine, with decoder: JSONDecoder) -> Result<CheckInput, CheckLineError> {
        CheckLineError.decoding(CheckInput.self, from: line, with: decoder, expected: "a JSON object")
    }
}

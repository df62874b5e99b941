import Foundation

/// One line of standard input, numbered from 1, without its line end (LF, or CRLF).
struct CheckLine {
    let number: Int
    /// The line's bytes; empty and meaningless when `isTooLong`.
    let bytes: ArraySlice<UInt8>
    /// The line exceeded `CheckStream.maxLineBytes`; its bytes were dropped rather than held in memory.
    let isTooLong: Bool
}

/// What `check` and `check email` do with each line.
protocol CheckLineHandler {
    /// Lines that could not be read (not JSON, wrong shape, not UTF-8, too long): each got an error in
    /// place of its answer, and they make the command exit 1 at the end.
    var unreadableLines: Int { get }
    /// Appends exactly one answer for `line` to `output`.
    mutating func answer(_ line: CheckLine, into output: inout CheckOutput)
    /// Appends whatever comes after the last answer (a summary for a person), once stdin has ended.
    mutating func finish(linesRead: Int, into output: inout CheckOutput)
}

/// The loop shared by `check` and `check email`: read stdin in large chunks, answer every complete line,
/// and write the answers before each read that may block. So the output streams (a coprocess that writes
/// one line and waits gets its answer) while a big file piped in costs one write(2) per chunk, not per line.
enum CheckStream {
    /// Longest line held in memory: far beyond any comment a policy accepts, short of exhausting memory.
    static let maxLineBytes = 64 << 20
    private static let chunkSize = 1 << 16

    /// Answers stdin line by line on stdout; throws exit 1 at the end when any line was unreadable.
    static func run(_ handler: inout some CheckLineHandler, input: Int32 = STDIN_FILENO) throws {
        var output = CheckOutput(descriptor: STDOUT_FILENO)
        var pending: [UInt8] = []
        var droppingLongLine = false
        var number = 0
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        while true {
            try output.flush()
            let count = try read(input, into: &chunk)
            if count == 0 { break }
            var start = 0
            while start < count {
                guard let newline = newlineIndex(in: chunk, from: start, to: count) else {
                    if !droppingLongLine { pending.append(contentsOf: chunk[start..<count]) }
                    if pending.count > maxLineBytes {
                        pending = []
                        droppingLongLine = true
                    }
                    break
                }
                number += 1
                if droppingLongLine || pending.count + (newline - start) > maxLineBytes {
                    handler.answer(CheckLine(number: number, bytes: [], isTooLong: true), into: &output)
                } else if pending.isEmpty {
                    handler.answer(CheckLine(number: number, bytes: trimmingCR(chunk[start..<newline]), isTooLong: false), into: &output)
                } else {
                    pending.append(contentsOf: chunk[start..<newline])
                    handler.answer(CheckLine(number: number, bytes: trimmingCR(pending[...]), isTooLong: false), into: &output)
                }
                pending.removeAll(keepingCapacity: pending.count <= chunkSize)
                droppingLongLine = false
                start = newline + 1
                if output.isLarge { try output.flush() }
            }
        }
        // A last line without a line end is still a line.
        if !pending.isEmpty || droppingLongLine {
            number += 1
            handler.answer(CheckLine(number: number, bytes: trimmingCR(pending[...]), isTooLong: droppingLongLine), into: &output)
        }
        handler.finish(linesRead: number, into: &output)
        try output.flush()
        if handler.unreadableLines > 0 {
            let lines = number == 1 ? "line" : "lines"
            throw CommandFailure("\(handler.unreadableLines) of \(number) input \(lines) could not be read; see the errors in the output")
        }
    }

    /// Tells a person who ran the command at a terminal, with nothing piped in, what it is waiting for.
    static func hintIfInteractive(_ what: String) {
        guard isatty(STDIN_FILENO) == 1 else { return }
        FileHandle.standardError.write(Data("commentmod: reading \(what) from stdin; end with Ctrl-D\n".utf8))
    }

    /// memchr: a byte loop is many times slower in debug builds, where a long line is mostly scanning.
    private static func newlineIndex(in buffer: [UInt8], from start: Int, to end: Int) -> Int? {
        buffer.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress, let found = memchr(base + start, 0x0A, end - start) else { return nil }
            return base.distance(to: UnsafeRawPointer(found))
        }
    }

    private static func trimmingCR(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        line.last == UInt8(ascii: "\r") ? line.dropLast() : line
    }

    private static func read(_ descriptor: Int32, into buffer: inout [UInt8]) throws -> Int {
        while true {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count >= 0 { return count }
            if errno != EINTR { throw CommandFailure("cannot read standard input: \(String(cString: strerror(errno)))") }
        }
    }
}

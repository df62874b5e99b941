// The body scan's classification of up to 1 KB of a text in one call: what cm_body_block64 and
// cm_runs64 give per 64 bytes, with the link scan's markers and the non-ASCII lead bytes, for all the
// blocks of the kilobyte. A real function rather than `static inline`: one call per kilobyte keeps the
// Swift loop around it free of the vector registers, and the instruction set is chosen once at run time
// (AVX-512BW, AVX2, SSE2, or plain loops), each giving the same results.
#ifndef CM_BODY_BLOCKS_H
#define CM_BODY_BLOCKS_H

#include <stddef.h>
#include <stdint.h>

/// Blocks of 64 bytes per call: 1 KB.
#define CM_BODY_CHUNK_BLOCKS 16

/// What a call learns about the blocks it scans besides the marks it writes.
typedef struct cm_body_chunk {
    /// `<`, `:`, `=`, `&` and `%` of block k (the 64 bytes from `start + 64 * k`), bit i for byte i.
    uint64_t markers[CM_BODY_CHUNK_BLOCKS];
    /// Bit j for the 16 bytes from `start + 16 * j` when one of them (below `run_end`) is printable ASCII
    /// but space (0x21...0x7F) and equal to the byte after it and to the one `run_last` on: where a run of
    /// `run_last + 1` may start.
    uint64_t runs;
    /// How many bytes are `A`...`Z`, and `a`...`z`.
    uint32_t upper, lower;
    /// Bit k when block k holds a marker, and when it holds a non-ASCII lead byte.
    uint32_t marked, leading;
    /// Whether some byte of the text is a control a body may not hold: below 0x20 but tab and line feed,
    /// and DEL (the C1 controls are non-ASCII, told by the caller from the lead bytes).
    uint32_t controls;
} cm_body_chunk;

/// The instruction sets a scan may use, from none up.
typedef enum cm_body_level {
    CM_BODY_PLAIN = 0,
    CM_BODY_SSE2 = 1,
    CM_BODY_AVX2 = 2,
    CM_BODY_AVX512 = 3,
} cm_body_level;

/// Scans the 64-byte blocks of the `count` bytes at `text` from `start` (a multiple of 64 below `count`)
/// up to 1 KB on or the end, the last one as if zeros followed the text. For block k it writes
/// `marks[2 * k]`, the link scan's markers (`<`, `:` before `/`, `.` before a byte above `,`, with no byte
/// after the text), and `marks[2 * k + 1]`, the lead bytes of non-ASCII characters (0xC0...0xFF), and
/// fills `chunk`. Run candidates are looked for in the 16-byte lanes starting below `run_end` (a multiple
/// of 16) whose bytes and the `run_last` (at least 1) after them lie in the text.
void cm_body_scan(const uint8_t *text, size_t count, size_t start, size_t run_end, size_t run_last,
                  uint64_t *marks, cm_body_chunk *chunk);

/// The same with the instruction set `level`, for tests that compare the levels; a level this machine
/// does not run (see cm_body_level_supported) scans nothing and leaves `chunk` empty.
void cm_body_scan_level(cm_body_level level, const uint8_t *text, size_t count, size_t start, size_t run_end,
                        size_t run_last, uint64_t *marks, cm_body_chunk *chunk);

/// Whether this machine runs scans with `level`: whether the processor has the instructions and the system
/// saves their registers. The package's one question to the processor (the renderer asks it too).
int cm_body_level_supported(cm_body_level level);

#endif

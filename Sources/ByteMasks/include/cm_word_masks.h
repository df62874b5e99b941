// The two masks the word phase's plain-text loop reads 64 bytes at a time (`WordScan.plainWords`): ASCII
// letters, and "other" bytes, neither an ASCII letter nor an ASCII separator: non-ASCII bytes, digits,
// `@` and `$`. Every remaining byte is an ASCII separator (punctuation, space, control). One load per
// 16 bytes serves both masks, which is why they come from one call.
#ifndef CM_WORD_MASKS_H
#define CM_WORD_MASKS_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "cm_byte_masks.h"

/// Bit i of `letters` is set when byte i is an ASCII letter; of `others`, when it is neither an ASCII
/// letter nor an ASCII separator.
typedef struct {
    uint64_t letters;
    uint64_t others;
} cm_word_masks;

#if defined(__SSE2__)

static inline void cm_word_masks16(const uint8_t *p, int shift, uint64_t *letters, uint64_t *others) {
    __m128i v = cm_load16(p);
    __m128i other = _mm_or_si128(
        _mm_or_si128(cm_range16(v, '0', '9'), _mm_cmpeq_epi8(v, _mm_set1_epi8('@'))),
        _mm_cmpeq_epi8(v, _mm_set1_epi8('$')));
    // `pmovmskb` reads the high bit, which non-ASCII bytes have already.
    other = _mm_or_si128(other, v);
    *letters |= (uint64_t)(uint16_t)_mm_movemask_epi8(cm_letters16(v)) << shift;
    *others |= (uint64_t)(uint16_t)_mm_movemask_epi8(other) << shift;
}

/// The masks of the 64 bytes at `p`.
static inline cm_word_masks cm_word_masks64(const uint8_t *p) {
    uint64_t letters = 0, others = 0;
    cm_word_masks16(p, 0, &letters, &others);
    cm_word_masks16(p + 16, 16, &letters, &others);
    cm_word_masks16(p + 32, 32, &letters, &others);
    cm_word_masks16(p + 48, 48, &letters, &others);
    cm_word_masks masks = {letters, others};
    return masks;
}

#else

static inline cm_word_masks cm_word_masks64(const uint8_t *p) {
    cm_word_masks masks = {0, 0};
    for (int i = 0; i < 64; i++) {
        uint8_t folded = p[i] | 0x20;
        uint64_t letter = folded >= 'a' && folded <= 'z';
        uint64_t other = p[i] >= 0x80 || (p[i] >= '0' && p[i] <= '9') || p[i] == '@' || p[i] == '$';
        masks.letters |= letter << i;
        masks.others |= other << i;
    }
    return masks;
}

#endif

/// The masks of the `count` bytes at `p` (`count` < 64) and of zeros after them, which are separators:
/// a text's last bytes, copied into a zeroed buffer (one `memcpy`, no generic copy loop).
static inline cm_word_masks cm_word_masks_tail(const uint8_t *p, size_t count) {
    uint8_t copy[64] = {0};
    memcpy(copy, p, count);
#if defined(__SSE2__)
    // Only the blocks holding bytes: the zeros after them set no bit. Most tails are a short field's
    // (a name, an address), which fit in one or two blocks.
    uint64_t letters = 0, others = 0;
    for (size_t block = 0; block < count; block += 16) {
        cm_word_masks16(copy + block, (int)block, &letters, &others);
    }
    cm_word_masks masks = {letters, others};
    return masks;
#else
    return cm_word_masks64(copy);
#endif
}

#endif

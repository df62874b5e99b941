// Classifications of 64 bytes at a time for the judge's body pass (signals) and the HTML renderer,
// built on cm_byte_masks.h: bit i describes byte i. Each function reads the 64 bytes at `p` and, where it
// says so, a few bytes after them; callers make sure those lie in their buffer (or copy a short tail into a
// zero-padded one). Without SSE2 the same results come from plain loops.
#ifndef CM_BODY_MASKS_H
#define CM_BODY_MASKS_H

#include <stdint.h>
#include "cm_byte_masks.h"

/// What the body scan counts and notes in 64 bytes, from one load of each 16. Letters are counted rather
/// than masked: adding compare results lane by lane and summing the lanes (`psadbw`) costs less than
/// gathering a mask and counting its bits without a `popcnt` instruction, which baseline x86-64 lacks.
typedef struct cm_body_block {
    /// How many bytes are `A`...`Z`.
    uint32_t upper;
    /// How many bytes are `a`...`z`.
    uint32_t lower;
    /// Bytes at or above 0x80.
    uint64_t nonascii;
    /// `<`, `:`, `=`, `&` and `%`: the bytes script content starts from.
    uint64_t markers;
    /// `.`: where a host name may go on (the link scan's markers).
    uint64_t dots;
    /// Controls a body may not hold: below 0x20 but tab and line feed, and DEL (the C1 controls are
    /// non-ASCII, led by 0xC2, and told by the caller from the lead bytes).
    uint64_t controls;
} cm_body_block;

#if defined(__SSE2__)

static inline __m128i cm_markers16(__m128i v) {
    // Three tests for five bytes: `%` and `&` (0x25, 0x26) are one range, `<` and `=` (0x3C, 0x3D) the
    // bytes equal to `=` once their low bit is set.
    __m128i m = cm_range16(v, '%', '&');
    m = _mm_or_si128(m, _mm_cmpeq_epi8(_mm_or_si128(v, _mm_set1_epi8(1)), _mm_set1_epi8('=')));
    return _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8(':')));
}

static inline __m128i cm_body_control16(__m128i v) {
    __m128i allowed = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(0x09)), _mm_cmpeq_epi8(v, _mm_set1_epi8(0x0A)));
    return _mm_or_si128(_mm_andnot_si128(allowed, cm_range16(v, 0x00, 0x1F)), _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)));
}

// The number of set lanes (all ones) among four masks.
static inline uint32_t cm_count4(__m128i m0, __m128i m1, __m128i m2, __m128i m3) {
    __m128i zero = _mm_setzero_si128();
    // A set lane is -1: subtracting it counts one, at most four a lane.
    __m128i lanes = _mm_sub_epi8(_mm_sub_epi8(_mm_sub_epi8(_mm_sub_epi8(zero, m0), m1), m2), m3);
    __m128i sums = _mm_sad_epu8(lanes, zero);
    return (uint32_t)_mm_cvtsi128_si32(sums) + (uint32_t)_mm_extract_epi16(sums, 4);
}

/// The body scan's counts and masks of the 64 bytes at `p`.
static inline cm_body_block cm_body_block64(const uint8_t *p) {
    __m128i v0 = cm_load16(p), v1 = cm_load16(p + 16), v2 = cm_load16(p + 32), v3 = cm_load16(p + 48);
    cm_body_block block;
    block.upper = cm_count4(cm_range16(v0, 'A', 'Z'), cm_range16(v1, 'A', 'Z'), cm_range16(v2, 'A', 'Z'),
                            cm_range16(v3, 'A', 'Z'));
    block.lower = cm_count4(cm_range16(v0, 'a', 'z'), cm_range16(v1, 'a', 'z'), cm_range16(v2, 'a', 'z'),
                            cm_range16(v3, 'a', 'z'));
    block.nonascii = cm_gather64(v0, v1, v2, v3);
    block.markers = cm_gather64(cm_markers16(v0), cm_markers16(v1), cm_markers16(v2), cm_markers16(v3));
    __m128i dot = _mm_set1_epi8('.');
    block.dots = cm_gather64(_mm_cmpeq_epi8(v0, dot), _mm_cmpeq_epi8(v1, dot), _mm_cmpeq_epi8(v2, dot),
                             _mm_cmpeq_epi8(v3, dot));
    // Prose has no control in most blocks: the smallest byte and a search for DEL tell, and only a block
    // that may hold one is classified lane by lane.
    __m128i low = _mm_min_epu8(_mm_min_epu8(v0, v1), _mm_min_epu8(v2, v3));
    __m128i del = _mm_set1_epi8(0x7F), unit = _mm_set1_epi8(0x1F);
    __m128i dels = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v0, del), _mm_cmpeq_epi8(v1, del)),
                                _mm_or_si128(_mm_cmpeq_epi8(v2, del), _mm_cmpeq_epi8(v3, del)));
    __m128i belowSpace = _mm_cmpeq_epi8(_mm_max_epu8(low, unit), unit);
    block.controls = 0;
    if (_mm_movemask_epi8(_mm_or_si128(belowSpace, dels)) != 0) {
        block.controls = cm_gather64(cm_body_control16(v0), cm_body_control16(v1), cm_body_control16(v2),
                                     cm_body_control16(v3));
    }
    return block;
}

static inline __m128i cm_runs16(const uint8_t *p, int last) {
    __m128i v = cm_load16(p);
    // Signed: 0x21...0x7F, printable ASCII but space.
    __m128i printable = _mm_cmpgt_epi8(v, _mm_set1_epi8(0x20));
    __m128i next = _mm_cmpeq_epi8(v, cm_load16(p + 1));
    __m128i far = _mm_cmpeq_epi8(v, cm_load16(p + last));
    return _mm_and_si128(printable, _mm_and_si128(next, far));
}

/// Printable ASCII bytes but space (0x21...0x7F) equal to the next byte and to the one `last` on, where a
/// run of `last + 1` or more may start. Reads `max(last, 1)` bytes past the 64; `last` is at least 1.
static inline uint64_t cm_runs64(const uint8_t *p, int last) {
    return cm_gather64(cm_runs16(p, last), cm_runs16(p + 16, last), cm_runs16(p + 32, last),
                       cm_runs16(p + 48, last));
}

static inline __m128i cm_html_special16(const uint8_t *p) {
    __m128i v = cm_load16(p), later = cm_load16(p + 3);
    __m128i folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
    __m128i http = _mm_and_si128(_mm_cmpeq_epi8(folded, _mm_set1_epi8('h')),
                                 _mm_cmpeq_epi8(_mm_or_si128(later, _mm_set1_epi8(0x20)), _mm_set1_epi8('p')));
    __m128i www = _mm_and_si128(_mm_cmpeq_epi8(folded, _mm_set1_epi8('w')), _mm_cmpeq_epi8(later, _mm_set1_epi8('.')));
    __m128i controls = _mm_or_si128(cm_range16(v, 0x00, 0x1F),
                                    _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)),
                                                 _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xC2))));
    // Masking bits finds `"`, `#`, `&` and `'` (0x22, 0x23, 0x26, 0x27) with one comparison, `<` and `>`
    // (0x3C, 0x3E) with another.
    __m128i quotes = _mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8((char)0xFA)), _mm_set1_epi8(0x22));
    __m128i angles = _mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8((char)0xFD)), _mm_set1_epi8('<'));
    return _mm_or_si128(_mm_or_si128(http, www), _mm_or_si128(controls, _mm_or_si128(quotes, angles)));
}

/// Bytes the HTML renderer cannot copy without a look: controls (C0 but also tab, DEL, and 0xC2, which
/// leads the C1 controls), `"`, `#`, `&`, `'`, `<`, `>`, an `h` (either case) three bytes before a `p`
/// (either case) and a `w` (either case) three before a dot. Reads three bytes past the 64.
static inline uint64_t cm_html_special64(const uint8_t *p) {
    return cm_gather64(cm_html_special16(p), cm_html_special16(p + 16), cm_html_special16(p + 32),
                       cm_html_special16(p + 48));
}

static inline __m128i cm_del_or_c1_lead16(__m128i v) {
    return _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)), _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xC2)));
}

static inline __m128i cm_refused16(__m128i v, __m128i allowed) {
    __m128i control = _mm_andnot_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(0x09)), _mm_cmpeq_epi8(v, allowed)),
                                       cm_range16(v, 0x00, 0x1F));
    return _mm_or_si128(control, cm_del_or_c1_lead16(v));
}

/// Bytes a field may not hold or that may lead to a character it may not hold: controls below 0x20 but
/// tab and `allowed` (line feed in a multiline field, tab again in a one-line field), DEL, and 0xC2, which
/// leads the C1 controls. Prose has no control character in most blocks of 64 bytes: the smallest byte
/// tells, and only DEL and 0xC2 are looked for then.
static inline uint64_t cm_refused64(const uint8_t *p, uint8_t allowed) {
    __m128i v0 = cm_load16(p), v1 = cm_load16(p + 16), v2 = cm_load16(p + 32), v3 = cm_load16(p + 48);
    __m128i low = _mm_min_epu8(_mm_min_epu8(v0, v1), _mm_min_epu8(v2, v3));
    if (_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_max_epu8(low, _mm_set1_epi8(0x20)), low)) == 0xFFFF) {
        __m128i d0 = cm_del_or_c1_lead16(v0), d1 = cm_del_or_c1_lead16(v1);
        __m128i d2 = cm_del_or_c1_lead16(v2), d3 = cm_del_or_c1_lead16(v3);
        if (_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(d0, d1), _mm_or_si128(d2, d3))) == 0) return 0;
        return cm_gather64(d0, d1, d2, d3);
    }
    __m128i a = _mm_set1_epi8((char)allowed);
    return cm_gather64(cm_refused16(v0, a), cm_refused16(v1, a), cm_refused16(v2, a), cm_refused16(v3, a));
}

#else

static inline cm_body_block cm_body_block64(const uint8_t *p) {
    cm_body_block block = {0, 0, 0, 0, 0, 0};
    for (int i = 0; i < 64; i++) {
        uint8_t b = p[i];
        uint64_t bit = (uint64_t)1 << i;
        if (b >= 'A' && b <= 'Z') block.upper++;
        if (b >= 'a' && b <= 'z') block.lower++;
        if (b >= 0x80) block.nonascii |= bit;
        if (b == '<' || b == ':' || b == '=' || b == '&' || b == '%') block.markers |= bit;
        if (b == '.') block.dots |= bit;
        if ((b < 0x20 && b != 0x09 && b != 0x0A) || b == 0x7F) block.controls |= bit;
    }
    return block;
}

static inline uint64_t cm_runs64(const uint8_t *p, int last) {
    uint64_t mask = 0;
    for (int i = 0; i < 64; i++) {
        uint8_t b = p[i];
        if (b > 0x20 && b < 0x80 && b == p[i + 1] && b == p[i + last]) mask |= (uint64_t)1 << i;
    }
    return mask;
}

static inline uint64_t cm_html_special64(const uint8_t *p) {
    uint64_t mask = 0;
    for (int i = 0; i < 64; i++) {
        uint8_t b = p[i], later = p[i + 3], folded = b | 0x20;
        int special = b < 0x20 || b == 0x7F || b == 0xC2 || (b & 0xFA) == 0x22 || (b & 0xFD) == '<'
            || (folded == 'h' && (later | 0x20) == 'p') || (folded == 'w' && later == '.');
        if (special) mask |= (uint64_t)1 << i;
    }
    return mask;
}

static inline uint64_t cm_refused64(const uint8_t *p, uint8_t allowed) {
    uint64_t mask = 0;
    for (int i = 0; i < 64; i++) {
        uint8_t b = p[i];
        int refused = (b < 0x20 && b != 0x09 && b != allowed) || b == 0x7F || b == 0xC2;
        if (refused) mask |= (uint64_t)1 << i;
    }
    return mask;
}

#endif

#endif

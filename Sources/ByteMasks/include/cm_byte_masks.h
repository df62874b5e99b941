// Classifies 64 bytes at a time into bit masks: bit i describes byte i. Header-only and `static inline`
// so that Swift inlines each call into its loop (one SSE2 compare and `pmovmskb` per 16 bytes); Swift's
// own SIMD types have no movemask and gather a mask's bits with several instructions per block.
//
// A function reads the 64 bytes at `p` unless its comment says otherwise (the `_upto64` ones read `count`
// bytes, the renderer's AVX2 mask three past the 64): callers handle a shorter tail themselves (for
// example by copying it into a zero-padded buffer). Without SSE2 (arm64, for one) the same results come
// from plain loops.
#ifndef CM_BYTE_MASKS_H
#define CM_BYTE_MASKS_H

#include <stdint.h>

#if defined(__SSE2__)
#include <emmintrin.h>

static inline __m128i cm_load16(const uint8_t *p) { return _mm_loadu_si128((const __m128i *)p); }

static inline uint64_t cm_gather64(__m128i m0, __m128i m1, __m128i m2, __m128i m3) {
    return (uint64_t)(uint16_t)_mm_movemask_epi8(m0)
        | (uint64_t)(uint16_t)_mm_movemask_epi8(m1) << 16
        | (uint64_t)(uint16_t)_mm_movemask_epi8(m2) << 32
        | (uint64_t)(uint16_t)_mm_movemask_epi8(m3) << 48;
}

/// Bytes equal to `byte`.
static inline uint64_t cm_equal64(const uint8_t *p, uint8_t byte) {
    __m128i b = _mm_set1_epi8((char)byte);
    return cm_gather64(_mm_cmpeq_epi8(cm_load16(p), b), _mm_cmpeq_epi8(cm_load16(p + 16), b),
                       _mm_cmpeq_epi8(cm_load16(p + 32), b), _mm_cmpeq_epi8(cm_load16(p + 48), b));
}

// Unsigned `lower <= x <= upper`: shifted so that `lower` becomes -128, the range is the signed values
// below `upper - lower - 127`, and no byte outside it lands there.
static inline __m128i cm_range16(__m128i v, uint8_t lower, uint8_t upper) {
    __m128i shifted = _mm_add_epi8(v, _mm_set1_epi8((char)(uint8_t)(0x80 - lower)));
    return _mm_cmplt_epi8(shifted, _mm_set1_epi8((char)(uint8_t)(0x80 + (uint8_t)(upper - lower) + 1)));
}

/// Bytes in `lower...upper` (unsigned; `lower <= upper`, and `upper - lower < 255`).
static inline uint64_t cm_range64(const uint8_t *p, uint8_t lower, uint8_t upper) {
    return cm_gather64(cm_range16(cm_load16(p), lower, upper), cm_range16(cm_load16(p + 16), lower, upper),
                       cm_range16(cm_load16(p + 32), lower, upper), cm_range16(cm_load16(p + 48), lower, upper));
}

/// Bytes at or above 0x80: every byte of a non-ASCII scalar's UTF-8.
static inline uint64_t cm_nonascii64(const uint8_t *p) {
    return cm_gather64(cm_load16(p), cm_load16(p + 16), cm_load16(p + 32), cm_load16(p + 48));
}

static inline __m128i cm_letters16(__m128i v) {
    return cm_range16(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 'z');
}

/// ASCII letters, either case.
static inline uint64_t cm_letters64(const uint8_t *p) {
    return cm_gather64(cm_letters16(cm_load16(p)), cm_letters16(cm_load16(p + 16)),
                       cm_letters16(cm_load16(p + 32)), cm_letters16(cm_load16(p + 48)));
}

#else

static inline uint64_t cm_equal64(const uint8_t *p, uint8_t byte) {
    uint64_t mask = 0;
    for (int i = 0; i < 64; i++) mask |= (uint64_t)(p[i] == byte) << i;
    return mask;
}

static inline uint64_t cm_range64(const uint8_t *p, uint8_t lower, uint8_t upper) {
    uint64_t mask = 0;
    for (int i = 0; i < 64; i++) mask |= (uint64_t)(p[i] >= lower && p[i] <= upper) << i;
    return mask;
}

static inline uint64_t cm_nonascii64(const uint8_t *p) {
    uint64_t mask = 0;
    for (int i = 0; i < 64; i++) mask |= (uint64_t)(p[i] >> 7) << i;
    return mask;
}

static inline uint64_t cm_letters64(const uint8_t *p) {
    uint64_t mask = 0;
    for (int i = 0; i < 64; i++) {
        uint8_t folded = p[i] | 0x20;
        mask |= (uint64_t)(folded >= 'a' && folded <= 'z') << i;
    }
    return mask;
}

#endif

/// One bit per byte of an email address for each class of byte the email fast path's rules name.
typedef struct {
    uint64_t at, dot, hyphen, letter, letterOrDigit;
    /// RFC 5322 atext: letters, digits and !#$%&'*+-/=?^_`{|}~.
    uint64_t atext;
    /// `A` to `Z`.
    uint64_t capital;
} cm_email_classes;

/// One bit per byte of a website URL for each class of byte the plain-address rules name.
typedef struct {
    /// `/`, `?` and `#`, which end the authority.
    uint64_t authorityEnd;
    uint64_t colon, dot, hyphen, digit, letterOrDigit;
    /// Spaces, controls, backslashes and non-ASCII bytes, refused anywhere.
    uint64_t refusedInPath;
} cm_url_classes;

#if defined(__SSE2__)

// Calls `classify(block, shift, c)` on the blocks of sixteen that cover the `count` (0...64) bytes at `p`
// without reading past them: from the first byte on, the last block ending with the last byte (its first
// lanes are classified twice, the same), and fewer than sixteen bytes from a zero-padded copy. A macro
// rather than a function taking `classify`: the loops compile as written into each caller.
#define CM_CLASSIFY_UPTO64(p, count, classify, c)                                                        \
    do {                                                                                                \
        if ((count) < 16) {                                                                             \
            uint8_t padded_[16] = {0};                                                                  \
            for (long i_ = 0; i_ < (count); i_++) padded_[i_] = (p)[i_];                                \
            classify(cm_load16(padded_), 0, (c));                                                       \
        } else {                                                                                        \
            long start_ = 0;                                                                            \
            for (; start_ + 16 <= (count); start_ += 16) classify(cm_load16((p) + start_), (unsigned)start_, (c)); \
            if (start_ < (count)) classify(cm_load16((p) + (count) - 16), (unsigned)((count) - 16), (c)); \
        }                                                                                               \
    } while (0)

static inline void cm_email_classes16(__m128i v, unsigned shift, cm_email_classes *c) {
    __m128i letters = cm_letters16(v);
    __m128i digits = cm_range16(v, '0', '9');
    __m128i hyphens = _mm_cmpeq_epi8(v, _mm_set1_epi8('-'));
    // atext but letters and digits: ! # $ % & ' * + - / = ? ^ _ ` { | } ~
    __m128i symbols = _mm_or_si128(
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('!')), cm_range16(v, '#', '\'')),
                     _mm_or_si128(cm_range16(v, '*', '+'), hyphens)),
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('/')), _mm_cmpeq_epi8(v, _mm_set1_epi8('='))),
                     _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('?')), cm_range16(v, '^', '`')),
                                  cm_range16(v, '{', '~'))));
    __m128i lettersOrDigits = _mm_or_si128(letters, digits);
    c->at |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('@'))) << shift;
    c->dot |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('.'))) << shift;
    c->hyphen |= (uint64_t)(uint16_t)_mm_movemask_epi8(hyphens) << shift;
    c->letter |= (uint64_t)(uint16_t)_mm_movemask_epi8(letters) << shift;
    c->letterOrDigit |= (uint64_t)(uint16_t)_mm_movemask_epi8(lettersOrDigits) << shift;
    c->atext |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_or_si128(lettersOrDigits, symbols)) << shift;
    c->capital |= (uint64_t)(uint16_t)_mm_movemask_epi8(cm_range16(v, 'A', 'Z')) << shift;
}

/// The classes of the `count` bytes at `p` (1...64 of them; no byte past them is read): bit i
/// describes byte i, and no bit at or past `count` is set (a zero byte of the padding is in no class).
static inline cm_email_classes cm_email_classes_upto64(const uint8_t *p, long count) {
    cm_email_classes c = {0, 0, 0, 0, 0, 0, 0};
    if (count > 64) count = 64;
    CM_CLASSIFY_UPTO64(p, count, cm_email_classes16, &c);
    return c;
}

static inline void cm_url_classes16(__m128i v, unsigned shift, cm_url_classes *c) {
    __m128i digits = cm_range16(v, '0', '9');
    __m128i ends = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('/')), _mm_cmpeq_epi8(v, _mm_set1_epi8('?'))),
                                _mm_cmpeq_epi8(v, _mm_set1_epi8('#')));
    __m128i refused = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\\')),
                                   _mm_cmpeq_epi8(cm_range16(v, 0x21, 0x7E), _mm_setzero_si128()));
    c->authorityEnd |= (uint64_t)(uint16_t)_mm_movemask_epi8(ends) << shift;
    c->colon |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(':'))) << shift;
    c->dot |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('.'))) << shift;
    c->hyphen |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('-'))) << shift;
    c->digit |= (uint64_t)(uint16_t)_mm_movemask_epi8(digits) << shift;
    c->letterOrDigit |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_or_si128(cm_letters16(v), digits)) << shift;
    c->refusedInPath |= (uint64_t)(uint16_t)_mm_movemask_epi8(refused) << shift;
}

/// The classes of the `count` bytes at `p` (1...64 of them; no byte past them is read): bit i
/// describes byte i, and no bit at or past `count` is set.
static inline cm_url_classes cm_url_classes_upto64(const uint8_t *p, long count) {
    cm_url_classes c = {0, 0, 0, 0, 0, 0, 0};
    if (count > 64) count = 64;
    CM_CLASSIFY_UPTO64(p, count, cm_url_classes16, &c);
    // A short URL's padding zeros are refused bytes.
    if (count < 16) c.refusedInPath &= ((uint64_t)1 << (count > 0 ? count : 0)) - 1;
    return c;
}

#else

static inline cm_email_classes cm_email_classes_upto64(const uint8_t *p, long count) {
    cm_email_classes c = {0, 0, 0, 0, 0, 0, 0};
    for (long i = 0; i < count && i < 64; i++) {
        uint8_t b = p[i];
        uint64_t bit = (uint64_t)1 << i;
        int letter = (b | 0x20) >= 'a' && (b | 0x20) <= 'z';
        int letterOrDigit = letter || (b >= '0' && b <= '9');
        int symbol = b == '!' || (b >= '#' && b <= '\'') || b == '*' || b == '+' || b == '-' || b == '/' || b == '='
            || b == '?' || (b >= '^' && b <= '`') || (b >= '{' && b <= '~');
        if (b == '@') c.at |= bit;
        if (b == '.') c.dot |= bit;
        if (b == '-') c.hyphen |= bit;
        if (letter) c.letter |= bit;
        if (letterOrDigit) c.letterOrDigit |= bit;
        if (letterOrDigit || symbol) c.atext |= bit;
        if (b >= 'A' && b <= 'Z') c.capital |= bit;
    }
    return c;
}

static inline cm_url_classes cm_url_classes_upto64(const uint8_t *p, long count) {
    cm_url_classes c = {0, 0, 0, 0, 0, 0, 0};
    for (long i = 0; i < count && i < 64; i++) {
        uint8_t b = p[i];
        uint64_t bit = (uint64_t)1 << i;
        int digit = b >= '0' && b <= '9';
        if (b == '/' || b == '?' || b == '#') c.authorityEnd |= bit;
        if (b == ':') c.colon |= bit;
        if (b == '.') c.dot |= bit;
        if (b == '-') c.hyphen |= bit;
        if (digit) c.digit |= bit;
        if (digit || ((b | 0x20) >= 'a' && (b | 0x20) <= 'z')) c.letterOrDigit |= bit;
        if (b < 0x21 || b > 0x7E || b == '\\') c.refusedInPath |= bit;
    }
    return c;
}

#endif

// AVX2 versions of the busiest masks, chosen at run time (`cm_body_level_supported(CM_BODY_AVX2)`, the one
// question the package asks the processor, cm_body_blocks.c): the package is built for baseline x86-64,
// where SSE2 needs a register copy for most operations and four `pmovmskb` per 64 bytes; with AVX2 the
// same mask takes about half the instructions. On other processors the functions below exist, as plain
// loops, but AVX2 is not supported and callers do not use them.
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

__attribute__((target("avx2"))) static inline __m256i cm_html_special32_avx2(const uint8_t *p) {
    __m256i v = _mm256_loadu_si256((const __m256i *)p), later = _mm256_loadu_si256((const __m256i *)(p + 3));
    __m256i folded = _mm256_or_si256(v, _mm256_set1_epi8(0x20));
    __m256i http = _mm256_and_si256(_mm256_cmpeq_epi8(folded, _mm256_set1_epi8('h')),
                                    _mm256_cmpeq_epi8(_mm256_or_si256(later, _mm256_set1_epi8(0x20)), _mm256_set1_epi8('p')));
    __m256i www = _mm256_and_si256(_mm256_cmpeq_epi8(folded, _mm256_set1_epi8('w')),
                                   _mm256_cmpeq_epi8(later, _mm256_set1_epi8('.')));
    // Below 0x20 where the unsigned minimum with 0x1F leaves the byte as it is.
    __m256i controls = _mm256_or_si256(_mm256_cmpeq_epi8(_mm256_min_epu8(v, _mm256_set1_epi8(0x1F)), v),
                                       _mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8(0x7F)),
                                                       _mm256_cmpeq_epi8(v, _mm256_set1_epi8((char)0xC2))));
    __m256i quotes = _mm256_cmpeq_epi8(_mm256_and_si256(v, _mm256_set1_epi8((char)0xFA)), _mm256_set1_epi8(0x22));
    __m256i angles = _mm256_cmpeq_epi8(_mm256_and_si256(v, _mm256_set1_epi8((char)0xFD)), _mm256_set1_epi8('<'));
    return _mm256_or_si256(_mm256_or_si256(http, www), _mm256_or_si256(controls, _mm256_or_si256(quotes, angles)));
}

/// `cm_html_special64` (cm_body_masks.h) with AVX2: call only where AVX2 is supported. Reads three
/// bytes past the 64.
__attribute__((target("avx2"))) static inline uint64_t cm_html_special64_avx2(const uint8_t *p) {
    return (uint64_t)(uint32_t)_mm256_movemask_epi8(cm_html_special32_avx2(p))
        | (uint64_t)(uint32_t)_mm256_movemask_epi8(cm_html_special32_avx2(p + 32)) << 32;
}

#else

// Off x86-64 the renderer's mask is cm_body_masks.h's `cm_html_special64`: declared here, as that header
// may be the one being read (it includes this one before its definitions), and included for the
// definition when it is not.
static inline uint64_t cm_html_special64(const uint8_t *p);
#include "cm_body_masks.h"

/// Never called where AVX2 is not supported; `cm_html_special64`, so that callers compile everywhere.
static inline uint64_t cm_html_special64_avx2(const uint8_t *p) { return cm_html_special64(p); }

#endif

/// Bytes below `byte` (unsigned), for example control characters below 0x20.
static inline uint64_t cm_below64(const uint8_t *p, uint8_t byte) {
    return byte == 0 ? 0 : cm_range64(p, 0, (uint8_t)(byte - 1));
}

#endif

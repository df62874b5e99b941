// Classifies 64 bytes at a time into bit masks: bit i describes byte i. Header-only and `static inline`
// so that Swift inlines each call into its loop (one SSE2 compare and `pmovmskb` per 16 bytes); Swift's
// own SIMD types have no movemask and gather a mask's bits with several instructions per block.
//
// Every function reads exactly the 64 bytes at `p`: callers handle a shorter tail themselves (for
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

/// Bytes below `byte` (unsigned), for example control characters below 0x20.
static inline uint64_t cm_below64(const uint8_t *p, uint8_t byte) {
    return byte == 0 ? 0 : cm_range64(p, 0, (uint8_t)(byte - 1));
}

#endif

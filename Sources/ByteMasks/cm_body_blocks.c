#include "cm_body_blocks.h"

#include <stdatomic.h>
#include <string.h>

#include "cm_body_masks.h"

// Each level scans the same blocks and writes the same results; the plain loops are the definition the
// others are tested against.

typedef void (*cm_body_scanner)(const uint8_t *text, size_t count, size_t start, size_t run_end, size_t run_last,
                                uint64_t *marks, cm_body_chunk *chunk);

// The 16-byte lanes from `start` (bit j for the lane from `start + 16 * j`) where run candidates are looked
// for: those starting below `run_end` whose bytes and the `run_last` after them lie in the text.
static uint64_t cm_run_lanes(size_t count, size_t start, size_t run_end, size_t run_last) {
    if (run_end <= start || run_last == 0 || count - start < 16 || count - start - 16 < run_last) return 0;
    size_t below_end = (run_end - start + 15) / 16;
    size_t in_text = (count - start - 16 - run_last) / 16 + 1;
    size_t lanes = below_end < in_text ? below_end : in_text;
    return lanes >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << lanes) - 1;
}

// Notes what every level found in block `k`.
static inline void cm_note_block(cm_body_chunk *chunk, uint64_t *marks, size_t k, uint64_t links, uint64_t leads,
                                 uint64_t markers) {
    marks[2 * k] = links;
    marks[2 * k + 1] = leads;
    chunk->markers[k] = markers;
    chunk->marked |= (uint32_t)(markers != 0) << k;
    chunk->leading |= (uint32_t)(leads != 0) << k;
}

static void cm_scan_plain(const uint8_t *text, size_t count, size_t start, size_t run_end, size_t run_last,
                          uint64_t *marks, cm_body_chunk *chunk) {
    size_t end = count - start > 64 * CM_BODY_CHUNK_BLOCKS ? start + 64 * CM_BODY_CHUNK_BLOCKS : count;
    uint64_t lanes = cm_run_lanes(count, start, run_end, run_last);
    for (size_t s = start, k = 0; s < end; s += 64, k++) {
        uint64_t links = 0, leads = 0, markers = 0;
        for (size_t i = 0; i < 64 && s + i < count; i++) {
            uint8_t b = text[s + i], next = s + i + 1 < count ? text[s + i + 1] : 0;
            uint64_t bit = (uint64_t)1 << i;
            chunk->upper += b >= 'A' && b <= 'Z';
            chunk->lower += b >= 'a' && b <= 'z';
            if (b >= 0xC0) leads |= bit;
            if (b == '<' || b == ':' || b == '=' || b == '&' || b == '%') markers |= bit;
            if (b == '<' || (b == ':' && next == '/') || (b == '.' && next > ',')) links |= bit;
            if ((b < 0x20 && b != 0x09 && b != 0x0A) || b == 0x7F) chunk->controls = 1;
        }
        for (size_t j = 0; j < 4; j++) {
            size_t lane = 4 * k + j;
            if (!(lanes >> lane & 1)) continue;
            for (size_t i = s + 16 * j; i < s + 16 * j + 16; i++) {
                uint8_t b = text[i];
                if (b > 0x20 && b < 0x80 && b == text[i + 1] && b == text[i + run_last]) {
                    chunk->runs |= (uint64_t)1 << lane;
                    break;
                }
            }
        }
        cm_note_block(chunk, marks, k, links, leads, markers);
    }
}

#if defined(__x86_64__)
#include <immintrin.h>

// Bit j when one of bits 16 j ... 16 j + 15 of `mask` is set.
static inline uint64_t cm_lanes4(uint64_t mask) {
    return (uint64_t)((mask & 0xFFFF) != 0) | (uint64_t)((mask & 0xFFFF0000) != 0) << 1
        | (uint64_t)((mask & 0xFFFF00000000) != 0) << 2 | (uint64_t)((mask >> 48) != 0) << 3;
}

// The bytes of the block from `s` that lie in the text: all 64 but in the last block.
static inline uint64_t cm_valid(size_t count, size_t s) {
    size_t left = count - s;
    return left >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << left) - 1;
}

// The run candidates of the lanes of block `k` (from `p`, `s` bytes into the text) that `lanes` allows,
// 16 bytes at a time, for the last blocks: their bytes lie in the text, where a test of 64 would read past
// it.
static inline uint64_t cm_runs_by_lane(const uint8_t *p, size_t k, uint64_t lanes, size_t run_last) {
    uint64_t runs = 0;
    for (size_t j = 0; j < 4; j++) {
        size_t lane = 4 * k + j;
        if (!(lanes >> lane & 1)) continue;
        if (_mm_movemask_epi8(cm_runs16(p + 16 * j, (int)run_last)) != 0) runs |= (uint64_t)1 << lane;
    }
    return runs;
}

// Block `k` of the chunk, `s` bytes into the text at `p`, read from `q`: `p` itself, or a copy of the last
// bytes before zeros. Run candidates are read from `p`, in the text.
static inline __attribute__((always_inline)) void cm_block_sse2(const uint8_t *q, const uint8_t *p, size_t count, size_t s, size_t k, uint64_t lanes,
                                 size_t run_last, uint64_t *marks, cm_body_chunk *chunk) {
    cm_body_block block = cm_body_block64(q);
    chunk->upper += block.upper;
    chunk->lower += block.lower;
    if (block.controls & cm_valid(count, s)) chunk->controls = 1;
    uint64_t colons = cm_equal64(q, ':'), slashes = cm_equal64(q + 1, '/');
    uint64_t after_comma = ~cm_below64(q + 1, ',' + 1);
    uint64_t links = cm_equal64(q, '<') | (colons & slashes) | (block.dots & after_comma);
    uint64_t leads = block.nonascii ? cm_range64(q, 0xC0, 0xFF) : 0;
    if (lanes >> 4 * k & 0xF) {
        if (count - s >= 64 + run_last) {
            chunk->runs |= (cm_lanes4(cm_runs64(p, (int)run_last)) & lanes >> 4 * k & 0xF) << 4 * k;
        } else {
            chunk->runs |= cm_runs_by_lane(p, k, lanes, run_last);
        }
    }
    cm_note_block(chunk, marks, k, links, leads, block.markers);
}

// Calls `block` for each block of the chunk in place while the byte after it lies in the text, and
// `block_tail` for the last block, which reads a copy before zeros: a call of its own, as the compiler
// makes poor code of a loop whose loads may read from either.
#define CM_EACH_BLOCK(block, ...)                                                                            \
    size_t end = count - start > 64 * CM_BODY_CHUNK_BLOCKS ? start + 64 * CM_BODY_CHUNK_BLOCKS : count;     \
    uint64_t lanes = cm_run_lanes(count, start, run_end, run_last);                                        \
    size_t s = start, k = 0;                                                                               \
    for (; s < end && count - s >= 65; s += 64, k++) {                                                     \
        block(text + s, text + s, count, s, k, lanes, run_last, marks, chunk, ##__VA_ARGS__);               \
    }                                                                                                      \
    if (s < end) block##_tail(text + s, count, s, k, lanes, run_last, marks, chunk, ##__VA_ARGS__);

static __attribute__((noinline)) void cm_block_sse2_tail(const uint8_t *p, size_t count, size_t s, size_t k, uint64_t lanes,
                                                          size_t run_last, uint64_t *marks, cm_body_chunk *chunk) {
    uint8_t pad[128] = {0};
    memcpy(pad, p, count - s);
    cm_block_sse2(pad, p, count, s, k, lanes, run_last, marks, chunk);
}

static void cm_scan_sse2(const uint8_t *text, size_t count, size_t start, size_t run_end, size_t run_last,
                         uint64_t *marks, cm_body_chunk *chunk) {
    CM_EACH_BLOCK(cm_block_sse2)
}

#define CM_AVX2 __attribute__((target("avx2,popcnt")))

CM_AVX2 static inline __m256i cm_range32(__m256i v, uint8_t lower, uint8_t upper) {
    __m256i shifted = _mm256_add_epi8(v, _mm256_set1_epi8((char)(uint8_t)(0x80 - lower)));
    return _mm256_cmpgt_epi8(_mm256_set1_epi8((char)(uint8_t)(0x80 + (uint8_t)(upper - lower) + 1)), shifted);
}

CM_AVX2 static inline uint64_t cm_mask32x2(__m256i low, __m256i high) {
    uint32_t first = (uint32_t)_mm256_movemask_epi8(low), second = (uint32_t)_mm256_movemask_epi8(high);
    // Opaque to the optimizer: otherwise it may merge the two halves into one 64-lane mask, which it
    // lowers without AVX-512 by moving every byte through memory.
    __asm__("" : "+r"(first), "+r"(second));
    return (uint64_t)first | (uint64_t)second << 32;
}

// The sum of the 32 bytes of `v`.
CM_AVX2 static inline uint32_t cm_sum32(__m256i v) {
    __m256i sums = _mm256_sad_epu8(v, _mm256_setzero_si256());
    __m128i half = _mm_add_epi64(_mm256_castsi256_si128(sums), _mm256_extracti128_si256(sums, 1));
    return (uint32_t)(_mm_cvtsi128_si64(half) + _mm_extract_epi64(half, 1));
}

// The link scan's markers of the 32 bytes `v`, whose next bytes are `n`; `colons` are those of `v`.
CM_AVX2 static inline __m256i cm_links32(__m256i v, __m256i n, __m256i colons) {
    __m256i after_comma = _mm256_cmpeq_epi8(_mm256_max_epu8(n, _mm256_set1_epi8(',' + 1)), n);
    __m256i dots = _mm256_and_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('.')), after_comma);
    __m256i schemes = _mm256_and_si256(colons, _mm256_cmpeq_epi8(n, _mm256_set1_epi8('/')));
    return _mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('<')), _mm256_or_si256(schemes, dots));
}

// `%`, `&`, `<`, `=` and the `colons` of `v`: `<` and `=` are the bytes equal to `=` once their low bit is set.
CM_AVX2 static inline __m256i cm_markers32(__m256i v, __m256i colons) {
    __m256i m = _mm256_or_si256(cm_range32(v, '%', '&'), colons);
    return _mm256_or_si256(m, _mm256_cmpeq_epi8(_mm256_or_si256(v, _mm256_set1_epi8(1)), _mm256_set1_epi8('=')));
}

CM_AVX2 static inline __m256i cm_controls32(__m256i v) {
    __m256i allowed = _mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8(0x09)), _mm256_cmpeq_epi8(v, _mm256_set1_epi8(0x0A)));
    return _mm256_or_si256(_mm256_andnot_si256(allowed, cm_range32(v, 0x00, 0x1F)), _mm256_cmpeq_epi8(v, _mm256_set1_epi8(0x7F)));
}

CM_AVX2 static inline __m256i cm_runs32(__m256i v, __m256i n, __m256i far) {
    __m256i printable = _mm256_cmpgt_epi8(v, _mm256_set1_epi8(0x20));
    return _mm256_and_si256(printable, _mm256_and_si256(_mm256_cmpeq_epi8(v, n), _mm256_cmpeq_epi8(v, far)));
}

CM_AVX2 static inline __attribute__((always_inline)) void cm_block_avx2(const uint8_t *q, const uint8_t *p, size_t count, size_t s, size_t k,
                                         uint64_t lanes, size_t run_last, uint64_t *marks, cm_body_chunk *chunk,
                                         __m256i *upper, __m256i *lower) {
    __m256i v0 = _mm256_loadu_si256((const __m256i *)q), v1 = _mm256_loadu_si256((const __m256i *)(q + 32));
    __m256i n0 = _mm256_loadu_si256((const __m256i *)(q + 1)), n1 = _mm256_loadu_si256((const __m256i *)(q + 33));
    // Letters are counted lane by lane (a set lane is -1), at most 2 a block and 32 a chunk in each.
    *upper = _mm256_sub_epi8(_mm256_sub_epi8(*upper, cm_range32(v0, 'A', 'Z')), cm_range32(v1, 'A', 'Z'));
    *lower = _mm256_sub_epi8(_mm256_sub_epi8(*lower, cm_range32(v0, 'a', 'z')), cm_range32(v1, 'a', 'z'));
    __m256i c0 = _mm256_cmpeq_epi8(v0, _mm256_set1_epi8(':')), c1 = _mm256_cmpeq_epi8(v1, _mm256_set1_epi8(':'));
    uint64_t links = cm_mask32x2(cm_links32(v0, n0, c0), cm_links32(v1, n1, c1));
    uint64_t markers = cm_mask32x2(cm_markers32(v0, c0), cm_markers32(v1, c1));
    __m256i lead = _mm256_set1_epi8((char)0xC0);
    uint64_t leads = cm_mask32x2(_mm256_cmpeq_epi8(_mm256_max_epu8(v0, lead), v0),
                                 _mm256_cmpeq_epi8(_mm256_max_epu8(v1, lead), v1));
    // Prose has no control in most blocks: the smallest byte and a search for DEL tell.
    __m256i unit = _mm256_set1_epi8(0x1F), del = _mm256_set1_epi8(0x7F);
    __m256i low = _mm256_min_epu8(v0, v1);
    __m256i may = _mm256_or_si256(_mm256_cmpeq_epi8(_mm256_max_epu8(low, unit), unit),
                                  _mm256_or_si256(_mm256_cmpeq_epi8(v0, del), _mm256_cmpeq_epi8(v1, del)));
    if (_mm256_movemask_epi8(may) != 0
        && (cm_mask32x2(cm_controls32(v0), cm_controls32(v1)) & cm_valid(count, s)) != 0) {
        chunk->controls = 1;
    }
    if (lanes >> 4 * k & 0xF) {
        if (count - s >= 64 + run_last) {
            __m256i f0 = _mm256_loadu_si256((const __m256i *)(p + run_last));
            __m256i f1 = _mm256_loadu_si256((const __m256i *)(p + 32 + run_last));
            uint64_t runs = cm_mask32x2(cm_runs32(v0, n0, f0), cm_runs32(v1, n1, f1));
            if (runs) chunk->runs |= (cm_lanes4(runs) & lanes >> 4 * k & 0xF) << 4 * k;
        } else {
            chunk->runs |= cm_runs_by_lane(p, k, lanes, run_last);
        }
    }
    cm_note_block(chunk, marks, k, links, leads, markers);
}

CM_AVX2 static __attribute__((noinline)) void cm_block_avx2_tail(const uint8_t *p, size_t count, size_t s, size_t k,
                                                                  uint64_t lanes, size_t run_last, uint64_t *marks,
                                                                  cm_body_chunk *chunk, __m256i *upper, __m256i *lower) {
    uint8_t pad[128] = {0};
    memcpy(pad, p, count - s);
    cm_block_avx2(pad, p, count, s, k, lanes, run_last, marks, chunk, upper, lower);
}

CM_AVX2 static void cm_scan_avx2(const uint8_t *text, size_t count, size_t start, size_t run_end, size_t run_last,
                                 uint64_t *marks, cm_body_chunk *chunk) {
    __m256i upper = _mm256_setzero_si256(), lower = _mm256_setzero_si256();
    CM_EACH_BLOCK(cm_block_avx2, &upper, &lower)
    chunk->upper += cm_sum32(upper);
    chunk->lower += cm_sum32(lower);
}

#define CM_AVX512 __attribute__((target("avx512f,avx512bw,popcnt")))

CM_AVX512 static void cm_scan_avx512(const uint8_t *text, size_t count, size_t start, size_t run_end, size_t run_last,
                                     uint64_t *marks, cm_body_chunk *chunk) {
    size_t end = count - start > 64 * CM_BODY_CHUNK_BLOCKS ? start + 64 * CM_BODY_CHUNK_BLOCKS : count;
    uint64_t lanes = cm_run_lanes(count, start, run_end, run_last);
    uint32_t upper = 0, lower = 0;
    uint64_t controls = 0;
    for (size_t s = start, k = 0; s < end; s += 64, k++) {
        const uint8_t *p = text + s;
        __m512i v, n;
        uint64_t valid = ~(uint64_t)0;
        if (count - s >= 65) {
            v = _mm512_loadu_si512(p);
            n = _mm512_loadu_si512(p + 1);
        } else {
            // The last block: masked loads read nothing past the text, and give zeros there.
            valid = cm_valid(count, s);
            v = _mm512_maskz_loadu_epi8(valid, p);
            n = _mm512_maskz_loadu_epi8(valid >> 1, p + 1);
        }
        upper += (uint32_t)__builtin_popcountll(
            _mm512_cmple_epu8_mask(_mm512_sub_epi8(v, _mm512_set1_epi8('A')), _mm512_set1_epi8(25)));
        lower += (uint32_t)__builtin_popcountll(
            _mm512_cmple_epu8_mask(_mm512_sub_epi8(v, _mm512_set1_epi8('a')), _mm512_set1_epi8(25)));
        uint64_t colons = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8(':'));
        uint64_t markers = colons
            | _mm512_cmple_epu8_mask(_mm512_sub_epi8(v, _mm512_set1_epi8('%')), _mm512_set1_epi8(1))
            | _mm512_cmpeq_epi8_mask(_mm512_or_si512(v, _mm512_set1_epi8(1)), _mm512_set1_epi8('='));
        uint64_t links = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('<'))
            | (colons & _mm512_cmpeq_epi8_mask(n, _mm512_set1_epi8('/')))
            | (_mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('.')) & _mm512_cmpgt_epu8_mask(n, _mm512_set1_epi8(',')));
        uint64_t leads = _mm512_cmpge_epu8_mask(v, _mm512_set1_epi8((char)0xC0));
        uint64_t control = (_mm512_cmplt_epu8_mask(v, _mm512_set1_epi8(0x20))
                            | _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8(0x7F))) & valid;
        if (control) {
            controls |= control & ~(_mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8(0x09))
                                    | _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8(0x0A)));
        }
        uint64_t allowed = lanes >> 4 * k & 0xF;
        if (allowed) {
            // Zeros past the text equal no printable byte; the lanes allowed lie in the text anyway.
            __m512i far = _mm512_setzero_si512();
            if (count - s >= 64 + run_last) {
                far = _mm512_loadu_si512(p + run_last);
            } else if (count - s > run_last) {
                far = _mm512_maskz_loadu_epi8(cm_valid(count, s + run_last), p + run_last);
            }
            uint64_t runs = _mm512_cmpgt_epi8_mask(v, _mm512_set1_epi8(0x20)) & _mm512_cmpeq_epi8_mask(v, n)
                & _mm512_cmpeq_epi8_mask(v, far);
            if (runs) chunk->runs |= (cm_lanes4(runs) & allowed) << 4 * k;
        }
        cm_note_block(chunk, marks, k, links, leads, markers);
    }
    chunk->upper += upper;
    chunk->lower += lower;
    if (controls) chunk->controls = 1;
}

#endif

static const cm_body_scanner cm_scanners[] = {
    cm_scan_plain,
#if defined(__x86_64__)
    cm_scan_sse2,
    cm_scan_avx2,
    cm_scan_avx512,
#endif
};

int cm_body_level_supported(cm_body_level level) {
    switch (level) {
    case CM_BODY_PLAIN: return 1;
#if defined(__x86_64__)
    case CM_BODY_SSE2: return 1;
    case CM_BODY_AVX2:
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt");
    case CM_BODY_AVX512:
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("popcnt");
#endif
    default: return 0;
    }
}

static cm_body_scanner cm_best_scanner(void) {
    for (int level = CM_BODY_AVX512; level > CM_BODY_PLAIN; level--) {
        if (cm_body_level_supported((cm_body_level)level)) return cm_scanners[level];
    }
    return cm_scan_plain;
}

// Chosen on the first call; threads that race choose the same.
static _Atomic(cm_body_scanner) cm_chosen_scanner = NULL;

static void cm_start(cm_body_chunk *chunk) {
    memset(chunk, 0, sizeof *chunk);
}

void cm_body_scan(const uint8_t *text, size_t count, size_t start, size_t run_end, size_t run_last,
                  uint64_t *marks, cm_body_chunk *chunk) {
    cm_body_scanner scanner = atomic_load_explicit(&cm_chosen_scanner, memory_order_relaxed);
    if (scanner == NULL) {
        scanner = cm_best_scanner();
        atomic_store_explicit(&cm_chosen_scanner, scanner, memory_order_relaxed);
    }
    cm_start(chunk);
    if (start < count) scanner(text, count, start, run_end, run_last, marks, chunk);
}

void cm_body_scan_level(cm_body_level level, const uint8_t *text, size_t count, size_t start, size_t run_end,
                        size_t run_last, uint64_t *marks, cm_body_chunk *chunk) {
    cm_start(chunk);
    if (start < count && cm_body_level_supported(level)) cm_scanners[level](text, count, start, run_end, run_last, marks, chunk);
}

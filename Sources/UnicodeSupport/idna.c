#include "cm_idna.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>

_Static_assert((int)CM_GC_PF == (int)U_FINAL_PUNCTUATION, "CM_GC_ values follow UCharCategory");
_Static_assert((int)CM_BIDI_PDI == (int)U_POP_DIRECTIONAL_ISOLATE, "CM_BIDI_ values follow UCharDirection");
_Static_assert((int)CM_JT_T == (int)U_JT_TRANSPARENT, "CM_JT_ values follow UJoiningType");

/* Inputs up to this many UTF-16 units are converted on the stack; longer ones (only long local parts) on
 * the heap. */
enum { STACK_UNITS = 512 };

/* ---- Unicode version limit ---------------------------------------------------------------------------- */

static int assigned_within_limit(UChar32 c) {
    if (c < 0 || c > 0x10FFFF) return 0;
    if (u_charType(c) == U_UNASSIGNED) return 0;
    UVersionInfo age;
    u_charAge(c, age);
    if (age[0] != CM_UNICODE_AGE_LIMIT_MAJOR) return age[0] < CM_UNICODE_AGE_LIMIT_MAJOR;
    return age[1] <= CM_UNICODE_AGE_LIMIT_MINOR;
}

/* ---- UTF-8 / UTF-16 helpers --------------------------------------------------------------------------- */

/* A UTF-16 buffer that lives on the stack when small. */
typedef struct {
    UChar small[STACK_UNITS];
    UChar *units;
    int32_t length;
    int32_t capacity;
} wide_buffer;

static void wide_init(wide_buffer *b) {
    b->units = b->small;
    b->length = 0;
    b->capacity = STACK_UNITS;
}

static void wide_free(wide_buffer *b) {
    if (b->units != b->small) free(b->units);
    wide_init(b);
}

static int wide_reserve(wide_buffer *b, int32_t capacity) {
    if (capacity <= b->capacity) return 1;
    UChar *grown = malloc((size_t)capacity * sizeof(UChar));
    if (!grown) return 0;
    memcpy(grown, b->units, (size_t)b->length * sizeof(UChar));
    if (b->units != b->small) free(b->units);
    b->units = grown;
    b->capacity = capacity;
    return 1;
}

/* Invalid UTF-8 is an error (Swift strings never hold it). */
static UErrorCode wide_from_utf8(wide_buffer *b, const char *text, int32_t length) {
    UErrorCode status = U_ZERO_ERROR;
    /* A UTF-8 byte never yields more than one UTF-16 unit. */
    if (!wide_reserve(b, length + 1)) return U_MEMORY_ALLOCATION_ERROR;
    u_strFromUTF8(b->units, b->capacity, &b->length, text, length, &status);
    return status == U_STRING_NOT_TERMINATED_WARNING ? U_ZERO_ERROR : status;
}

static int32_t utf8_from_wide(const UChar *units, int32_t length, char *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t needed = 0;
    u_strToUTF8(out, capacity, &needed, units, length, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) return needed;
    if (U_FAILURE(status)) return -(int32_t)status;
    return needed;
}

/* Appends normalizer(units) to `out`. */
static UErrorCode normalize_append(const UNormalizer2 *normalizer, const UChar *units, int32_t length,
                                   wide_buffer *out) {
    if (length == 0) return U_ZERO_ERROR;
    for (;;) {
        UErrorCode status = U_ZERO_ERROR;
        int32_t room = out->capacity - out->length;
        int32_t produced = unorm2_normalize(normalizer, units, length, out->units + out->length, room, &status);
        if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) {
            if (!wide_reserve(out, out->length + produced + 1)) return U_MEMORY_ALLOCATION_ERROR;
            continue;
        }
        if (U_FAILURE(status)) return status;
        out->length += produced;
        return U_ZERO_ERROR;
    }
}

/* A transformation of UTF-16 text that appends its result to `out`. */
typedef UErrorCode (*wide_transform)(const void *context, const UChar *units, int32_t length, wide_buffer *out);

/* Converts UTF-8 text to UTF-16 and appends its transformation to `output`. */
static UErrorCode transform_to_wide(wide_transform transform, const void *context, const char *text, int32_t length,
                                    wide_buffer *output) {
    wide_buffer input;
    wide_init(&input);
    UErrorCode status = wide_from_utf8(&input, text, length);
    if (U_SUCCESS(status)) status = transform(context, input.units, input.length, output);
    wide_free(&input);
    return status;
}

/* Applies a UTF-16 transformation to UTF-8 text and writes UTF-8. */
static int32_t transform_utf8(wide_transform transform, const void *context, const char *text, int32_t length,
                              char *out, int32_t capacity) {
    wide_buffer output;
    wide_init(&output);
    UErrorCode status = transform_to_wide(transform, context, text, length, &output);
    int32_t result = U_FAILURE(status) ? -(int32_t)status : utf8_from_wide(output.units, output.length, out, capacity);
    wide_free(&output);
    return result;
}

static UErrorCode apply_normalizer(const void *normalizer, const UChar *units, int32_t length, wide_buffer *out) {
    return normalize_append((const UNormalizer2 *)normalizer, units, length, out);
}

static const UNormalizer2 *nfc_instance(void) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *n = unorm2_getNFCInstance(&status);
    return U_FAILURE(status) ? NULL : n;
}

static const UNormalizer2 *nfkc_instance(void) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *n = unorm2_getNFKCInstance(&status);
    return U_FAILURE(status) ? NULL : n;
}

static const UNormalizer2 *uts46_instance(void) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *n = unorm2_getInstance(NULL, "uts46", UNORM2_COMPOSE, &status);
    return U_FAILURE(status) ? NULL : n;
}

/* ---- IDNA 2008 derived property (RFC 5892 section 3) -------------------------------------------------- */

/* RFC 5892 section 2.6 (F.1), the code points whose value is fixed rather than derived. */
static int idna_exception(UChar32 c) {
    switch (c) {
    case 0x00DF: case 0x03C2: case 0x06FD: case 0x06FE: case 0x0F0B: case 0x3007:
        return CM_IDNA_PVALID;
    case 0x00B7: case 0x0375: case 0x05F3: case 0x05F4: case 0x30FB:
        return CM_IDNA_CONTEXTO;
    case 0x0640: case 0x07FA: case 0x302E: case 0x302F: case 0x3031: case 0x3032: case 0x3033: case 0x3034:
    case 0x3035: case 0x303B:
        return CM_IDNA_DISALLOWED;
    default:
        if ((c >= 0x0660 && c <= 0x0669) || (c >= 0x06F0 && c <= 0x06F9)) return CM_IDNA_CONTEXTO;
        return -1;
    }
}

/* RFC 5892 section 2.2 (B): the code point is not stable under NFKC(case fold(NFKC(cp))). */
static int idna_unstable(UChar32 c) {
    const UNormalizer2 *nfkc = nfkc_instance();
    if (!nfkc) return 1;
    UChar original[2], first[64], folded[64], last[64];
    int32_t originalLength = 0;
    U16_APPEND_UNSAFE(original, originalLength, c);
    UErrorCode status = U_ZERO_ERROR;
    int32_t firstLength = unorm2_normalize(nfkc, original, originalLength, first, 64, &status);
    int32_t foldedLength = u_strFoldCase(folded, 64, first, firstLength, U_FOLD_CASE_DEFAULT, &status);
    int32_t lastLength = unorm2_normalize(nfkc, folded, foldedLength, last, 64, &status);
    if (U_FAILURE(status)) return 1;
    return lastLength != originalLength || memcmp(last, original, (size_t)originalLength * sizeof(UChar)) != 0;
}

static int idna_class_uncached(UChar32 c) {
    int noncharacter = u_hasBinaryProperty(c, UCHAR_NONCHARACTER_CODE_POINT);
    if (!assigned_within_limit(c) && !noncharacter) return CM_IDNA_UNASSIGNED;
    int exception = idna_exception(c);
    if (exception >= 0) return exception;
    if (c == 0x2D || (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7A)) return CM_IDNA_PVALID;
    if (u_hasBinaryProperty(c, UCHAR_JOIN_CONTROL)) return CM_IDNA_CONTEXTJ;
    if (idna_unstable(c)) return CM_IDNA_DISALLOWED;
    if (noncharacter || u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT) ||
        u_hasBinaryProperty(c, UCHAR_WHITE_SPACE))
        return CM_IDNA_DISALLOWED;
    UBlockCode block = ublock_getCode(c);
    if (block == UBLOCK_COMBINING_MARKS_FOR_SYMBOLS || block == UBLOCK_MUSICAL_SYMBOLS ||
        block == UBLOCK_ANCIENT_GREEK_MUSICAL_NOTATION)
        return CM_IDNA_DISALLOWED;
    int32_t syllable = u_getIntPropertyValue(c, UCHAR_HANGUL_SYLLABLE_TYPE);
    if (syllable == U_HST_LEADING_JAMO || syllable == U_HST_VOWEL_JAMO || syllable == U_HST_TRAILING_JAMO)
        return CM_IDNA_DISALLOWED;
    switch (u_charType(c)) {
    case U_LOWERCASE_LETTER: case U_UPPERCASE_LETTER: case U_OTHER_LETTER: case U_DECIMAL_DIGIT_NUMBER:
    case U_MODIFIER_LETTER: case U_NON_SPACING_MARK: case U_COMBINING_SPACING_MARK:
        return CM_IDNA_PVALID;
    default:
        return CM_IDNA_DISALLOWED;
    }
}

/* ---- Character properties ----------------------------------------------------------------------------- */

static int script_group(UChar32 c) {
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(c, &status);
    if (U_FAILURE(status)) return CM_SCRIPT_OTHER;
    switch (script) {
    case USCRIPT_GREEK: return CM_SCRIPT_GREEK;
    case USCRIPT_HEBREW: return CM_SCRIPT_HEBREW;
    case USCRIPT_HIRAGANA: return CM_SCRIPT_HIRAGANA;
    case USCRIPT_KATAKANA: return CM_SCRIPT_KATAKANA;
    case USCRIPT_HAN: return CM_SCRIPT_HAN;
    default: return CM_SCRIPT_OTHER;
    }
}

/* Python's unicodedata.decomposition gives one raw mapping, compatibility or canonical; ICU's NFKC data
 * holds the same mapping. */
static int decomposes_to_full_stop(UChar32 c) {
    const UNormalizer2 *nfkc = nfkc_instance();
    if (!nfkc) return 0;
    UChar mapping[32];
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = unorm2_getRawDecomposition(nfkc, c, mapping, 32, &status);
    if (U_FAILURE(status) || length <= 0) return 0;
    for (int32_t i = 0; i < length; i++)
        if (mapping[i] == 0x2E) return 1;
    return 0;
}

static uint32_t char_info_uncached(UChar32 c) {
    uint32_t idna = (uint32_t)idna_class_uncached(c) << 24;
    if (!assigned_within_limit(c)) {
        /* Private use and surrogates are assigned: only truly unassigned code points get here. */
        return CM_GC_CN | (CM_BIDI_NONE << 5) | idna;
    }
    uint32_t info = (uint32_t)u_charType(c);
    info |= (uint32_t)u_charDirection(c) << 5;
    info |= (uint32_t)u_getCombiningClass(c) << 10;
    info |= (uint32_t)u_getIntPropertyValue(c, UCHAR_JOINING_TYPE) << 18;
    info |= (uint32_t)script_group(c) << 21;
    info |= idna;
    info |= (uint32_t)decomposes_to_full_stop(c) << 27;
    return info;
}

/* Gathering the properties takes a dozen ICU lookups and, for the IDNA value, three normalizations, so the
 * answers for the planes that hold letters are remembered. A stored word is never 0 (every value has a
 * category or a bidi class that is not 0), so 0 means not yet computed; racing writers store the same
 * word, and relaxed atomics keep that well-defined. */
enum { INFO_CACHED_LIMIT = 0x40000 };
static _Atomic uint32_t info_cache[INFO_CACHED_LIMIT];

uint32_t cm_char_info(uint32_t codepoint) {
    if (codepoint > 0x10FFFF) return CM_GC_CN | (CM_BIDI_NONE << 5);
    if (codepoint >= INFO_CACHED_LIMIT) return char_info_uncached((UChar32)codepoint);
    uint32_t cached = atomic_load_explicit(&info_cache[codepoint], memory_order_relaxed);
    if (cached) return cached;
    uint32_t info = char_info_uncached((UChar32)codepoint);
    atomic_store_explicit(&info_cache[codepoint], info, memory_order_relaxed);
    return info;
}

int32_t cm_char_name(uint32_t codepoint, char *out, int32_t capacity) {
    if (!assigned_within_limit((UChar32)codepoint)) return 0;
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = u_charName((UChar32)codepoint, U_UNICODE_CHAR_NAME, out, capacity, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) return length;
    if (U_FAILURE(status)) return -(int32_t)status;
    return length;
}

/* ---- Normalization ------------------------------------------------------------------------------------ */

int32_t cm_nfc(const char *text, int32_t length, char *out, int32_t capacity) {
    const UNormalizer2 *nfc = nfc_instance();
    if (!nfc) return -(int32_t)U_MISSING_RESOURCE_ERROR;
    return transform_utf8(apply_normalizer, nfc, text, length, out, capacity);
}

int32_t cm_is_nfc(const char *text, int32_t length) {
    const UNormalizer2 *nfc = nfc_instance();
    if (!nfc) return -(int32_t)U_MISSING_RESOURCE_ERROR;
    wide_buffer input;
    wide_init(&input);
    UErrorCode status = wide_from_utf8(&input, text, length);
    UBool normalized = 0;
    if (U_SUCCESS(status)) normalized = unorm2_isNormalized(nfc, input.units, input.length, &status);
    wide_free(&input);
    return U_FAILURE(status) ? -(int32_t)status : (normalized ? 1 : 0);
}

int32_t cm_nfc_changes_first(const char *text, int32_t length) {
    const UNormalizer2 *nfc = nfc_instance();
    if (!nfc) return -(int32_t)U_MISSING_RESOURCE_ERROR;
    if (length <= 0) return 0;
    int32_t offset = 0;
    UChar32 first;
    U8_NEXT(text, offset, length, first);
    if (first < 0) return -(int32_t)U_INVALID_CHAR_FOUND;
    /* An inert character is unchanged and nothing after it can combine with it or move before it. */
    if (unorm2_isInert(nfc, first)) return 0;

    wide_buffer output;
    wide_init(&output);
    int32_t result;
    UErrorCode status = transform_to_wide(apply_normalizer, nfc, text, length, &output);
    if (U_FAILURE(status)) {
        result = -(int32_t)status;
    } else if (output.length == 0) {
        result = 1;
    } else {
        UChar32 normalizedFirst;
        int32_t index = 0;
        U16_NEXT(output.units, index, output.length, normalizedFirst);
        result = normalizedFirst != first;
    }
    wide_free(&output);
    return result;
}

/* ---- UTS #46 ------------------------------------------------------------------------------------------ */

/* ICU 72 carries the UTS #46 tables of Unicode 15.0; the reference (Python's idna package) uses those of
 * 18.0. UTS #46 15.1 and 16.0 changed the status of these code points of Unicode 14.0 that the validator
 * can reach (letters, marks, numbers, punctuation and symbols that do not decompose to a full stop); the
 * list is the complete difference between the two versions for such code points, found by comparing every
 * code point. The replacement itself is computed here from Unicode properties, not listed. */
enum uts46_override {
    OVERRIDE_NONE,
    OVERRIDE_VALID,     /* 16.0: was disallowed, now valid */
    OVERRIDE_IGNORED,   /* 16.0: default-ignorable fillers, were disallowed, now ignored */
    OVERRIDE_LOWERCASE, /* 15.1 (U+1E9E) and 16.0: capitals now mapped to their simple lowercase */
    OVERRIDE_CANONICAL  /* 16.0: CJK compatibility ideographs now mapped to their canonical decomposition */
};

static enum uts46_override uts46_override(UChar32 c) {
    if (c < 0x04C0) return OVERRIDE_NONE;
    if (c == 0x04C0 || (c >= 0x10A0 && c <= 0x10C5) || c == 0x1E9E || c == 0x2132 || c == 0x2183)
        return OVERRIDE_LOWERCASE;
    if (c == 0x115F || c == 0x1160 || c == 0x17B4 || c == 0x17B5 || c == 0x3164 || c == 0xFFA0)
        return OVERRIDE_IGNORED;
    if (c == 0x1806) return OVERRIDE_VALID;
    if (c == 0x2F868 || c == 0x2F874 || c == 0x2F91F || c == 0x2F95F || c == 0x2F9BF) return OVERRIDE_CANONICAL;
    return OVERRIDE_NONE;
}

static int append_code_point(wide_buffer *b, UChar32 c) {
    if (!wide_reserve(b, b->length + 2)) return 0;
    U16_APPEND_UNSAFE(b->units, b->length, c);
    return 1;
}

/* Maps `text` into `out` as UTS #46 18.0 would. Runs of ordinary code points go through ICU's "uts46"
 * normalizer (mapping plus NFC) together, so they compose across each other as NFC requires. A code point
 * that stays valid is inert under NFC (it neither composes nor reorders), which is what allows the runs on
 * either side of it to be normalized apart. */
static UErrorCode uts46_map_wide(const UChar *units, int32_t length, wide_buffer *out) {
    const UNormalizer2 *uts46 = uts46_instance();
    const UNormalizer2 *nfc = nfc_instance();
    if (!uts46 || !nfc) return U_MISSING_RESOURCE_ERROR;
    wide_buffer pending;
    wide_init(&pending);
    UErrorCode status = U_ZERO_ERROR;
    int32_t i = 0;
    while (i < length && U_SUCCESS(status)) {
        UChar32 c;
        U16_NEXT(units, i, length, c);
        switch (uts46_override(c)) {
        case OVERRIDE_NONE:
            if (!append_code_point(&pending, c)) status = U_MEMORY_ALLOCATION_ERROR;
            break;
        case OVERRIDE_IGNORED:
            break;
        case OVERRIDE_LOWERCASE:
            if (!append_code_point(&pending, u_tolower(c))) status = U_MEMORY_ALLOCATION_ERROR;
            break;
        case OVERRIDE_CANONICAL: {
            UChar single[2];
            int32_t singleLength = 0;
            U16_APPEND_UNSAFE(single, singleLength, c);
            status = normalize_append(nfc, single, singleLength, &pending);
            break;
        }
        case OVERRIDE_VALID:
            status = normalize_append(uts46, pending.units, pending.length, out);
            pending.length = 0;
            if (U_SUCCESS(status) && !append_code_point(out, c)) status = U_MEMORY_ALLOCATION_ERROR;
            break;
        }
    }
    if (U_SUCCESS(status)) status = normalize_append(uts46, pending.units, pending.length, out);
    wide_free(&pending);
    return status;
}

static UErrorCode apply_uts46(const void *unused, const UChar *units, int32_t length, wide_buffer *out) {
    (void)unused;
    return uts46_map_wide(units, length, out);
}

int32_t cm_uts46_map(const char *text, int32_t length, char *out, int32_t capacity) {
    return transform_utf8(apply_uts46, NULL, text, length, out, capacity);
}

int32_t cm_uts46_first_disallowed(const char *text, int32_t length) {
    int32_t offset = 0, index = 0;
    while (offset < length) {
        UChar32 c;
        U8_NEXT(text, offset, length, c);
        if (c < 0) return -(int32_t)U_INVALID_CHAR_FOUND - 1;
        UChar single[2];
        int32_t singleLength = 0;
        U16_APPEND_UNSAFE(single, singleLength, c);
        wide_buffer mapped;
        wide_init(&mapped);
        UErrorCode status = uts46_map_wide(single, singleLength, &mapped);
        int disallowed = 0;
        for (int32_t i = 0; i < mapped.length; i++)
            if (mapped.units[i] == 0xFFFD) disallowed = 1;
        wide_free(&mapped);
        if (U_FAILURE(status)) return -(int32_t)status - 1;
        if (disallowed) return index;
        index++;
    }
    return -1;
}

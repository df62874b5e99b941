#ifndef CM_IDNA_H
#define CM_IDNA_H
#include <stdint.h>

/* Unicode services for email-address validation (IDNA 2008, UTS #46, NFC), behind plain C so ICU's headers
 * never meet Foundation's own ICU module.
 *
 * The reference implementation (Python's email-validator on Python 3.11) judges characters with the Unicode
 * 14.0 database of Python's `unicodedata`, while ICU here may know a later version. Every property below is
 * therefore reported as of Unicode CM_UNICODE_AGE_LIMIT: a code point assigned later reads as unassigned.
 *
 * Strings are UTF-8 with explicit byte lengths. Functions that write return the number of bytes the full
 * result needs (excluding a terminator); when that exceeds `capacity` nothing useful was written and the
 * caller retries with a larger buffer. A negative return is an error (an ICU error code, negated). */

#define CM_UNICODE_AGE_LIMIT_MAJOR 14
#define CM_UNICODE_AGE_LIMIT_MINOR 0

/* General categories, numbered as ICU's UCharCategory. */
enum {
    CM_GC_CN = 0, CM_GC_LU, CM_GC_LL, CM_GC_LT, CM_GC_LM, CM_GC_LO, CM_GC_MN, CM_GC_ME, CM_GC_MC, CM_GC_ND,
    CM_GC_NL, CM_GC_NO, CM_GC_ZS, CM_GC_ZL, CM_GC_ZP, CM_GC_CC, CM_GC_CF, CM_GC_CO, CM_GC_CS, CM_GC_PD,
    CM_GC_PS, CM_GC_PE, CM_GC_PC, CM_GC_PO, CM_GC_SM, CM_GC_SC, CM_GC_SK, CM_GC_SO, CM_GC_PI, CM_GC_PF
};

/* Bidi classes, numbered as ICU's UCharDirection; CM_BIDI_NONE for an unassigned code point, which
 * Python's unicodedata reports as the empty string. */
enum {
    CM_BIDI_L = 0, CM_BIDI_R, CM_BIDI_EN, CM_BIDI_ES, CM_BIDI_ET, CM_BIDI_AN, CM_BIDI_CS, CM_BIDI_B, CM_BIDI_S,
    CM_BIDI_WS, CM_BIDI_ON, CM_BIDI_LRE, CM_BIDI_LRO, CM_BIDI_AL, CM_BIDI_RLE, CM_BIDI_RLO, CM_BIDI_PDF,
    CM_BIDI_NSM, CM_BIDI_BN, CM_BIDI_FSI, CM_BIDI_LRI, CM_BIDI_RLI, CM_BIDI_PDI, CM_BIDI_NONE = 31
};

/* Joining types (Unicode ArabicShaping), numbered as ICU's UJoiningType. */
enum { CM_JT_U = 0, CM_JT_C, CM_JT_D, CM_JT_L, CM_JT_R, CM_JT_T };

/* The scripts IDNA 2008's contextual rules (RFC 5892 Appendix A) ask about. */
enum { CM_SCRIPT_OTHER = 0, CM_SCRIPT_GREEK, CM_SCRIPT_HEBREW, CM_SCRIPT_HIRAGANA, CM_SCRIPT_KATAKANA, CM_SCRIPT_HAN };

/* IDNA 2008 derived property values (RFC 5892 section 2 and 3), computed from ICU's Unicode properties. */
enum { CM_IDNA_UNASSIGNED = 0, CM_IDNA_PVALID, CM_IDNA_CONTEXTJ, CM_IDNA_CONTEXTO, CM_IDNA_DISALLOWED };

/* Layout of the word cm_char_info returns. */
#define CM_INFO_CATEGORY(info) ((int)((info) & 0x1F))
#define CM_INFO_BIDI(info) ((int)(((info) >> 5) & 0x1F))
#define CM_INFO_COMBINING_CLASS(info) ((int)(((info) >> 10) & 0xFF))
#define CM_INFO_JOINING_TYPE(info) ((int)(((info) >> 18) & 0x7))
#define CM_INFO_SCRIPT(info) ((int)(((info) >> 21) & 0x7))
#define CM_INFO_IDNA(info) ((int)(((info) >> 24) & 0x7))
#define CM_INFO_DECOMPOSES_TO_FULL_STOP(info) ((int)(((info) >> 27) & 0x1))

/* Everything the validator asks about one code point, packed (see the CM_INFO_ accessors). A code point
 * outside Unicode's range reads as unassigned. */
uint32_t cm_char_info(uint32_t codepoint);

/* The Unicode character name (as Python's unicodedata.name); 0 bytes when the code point has none. */
int32_t cm_char_name(uint32_t codepoint, char *out, int32_t capacity);

/* Unicode Normalization Form C. */
int32_t cm_nfc(const char *text, int32_t length, char *out, int32_t capacity);

/* 1 when `text` is in Normalization Form C, 0 when not, negative on error. */
int32_t cm_is_nfc(const char *text, int32_t length);

/* 1 when the first code point of NFC(`text`) differs from the first code point of `text` (it composes with
 * what follows, is reordered, or is not NFC-stable), else 0; negative on error. */
int32_t cm_nfc_changes_first(const char *text, int32_t length);

/* UTS #46 mapping without STD3 rules and without transitional processing, followed by NFC: case folding,
 * compatibility mapping, ignored code points removed, deviations kept. Disallowed code points come out as
 * U+FFFD. The mapping is that of the UTS #46 tables the reference uses (version 18.0) for every code point of
 * Unicode 14.0 that the validator lets through, even where this ICU's own tables are older. */
int32_t cm_uts46_map(const char *text, int32_t length, char *out, int32_t capacity);

/* The index, counted in code points, of the first code point of `text` that UTS #46 disallows; -1 when there
 * is none; below -1 on error. */
int32_t cm_uts46_first_disallowed(const char *text, int32_t length);

#endif

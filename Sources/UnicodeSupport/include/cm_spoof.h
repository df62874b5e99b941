#ifndef CM_SPOOF_H
#define CM_SPOOF_H
#include <stdint.h>

/* Unicode TS #39 services from ICU, behind plain C so ICU's headers never meet Foundation's own ICU module.
 * Strings are UTF-8 with explicit byte lengths. Functions that write return the number of bytes the full
 * result needs (excluding a terminator); when that exceeds `capacity` nothing useful was written and the
 * caller retries with a larger buffer. A negative return is an ICU error code, negated. */

/* The confusable skeleton of `text` (uspoof_getSkeletonUTF8): two strings that look alike share it. */
int32_t cm_confusable_skeleton(const char *text, int32_t length, char *out, int32_t capacity);

/* 1 when `word` passes ICU's "highly restrictive" level (one script, or Latin with Han plus Hiragana/Katakana,
 * Bopomofo or Hangul, as CJK writing does), 0 when it mixes scripts a spoofer would, negative on error. */
int32_t cm_is_highly_restrictive(const char *word, int32_t length);

/* The ICU UScriptCode of a code point (0 Common, 1 Inherited, 25 Latin, ...). */
int32_t cm_script_of(uint32_t codepoint);

#endif

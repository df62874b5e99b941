#ifndef CM_TEXT_H
#define CM_TEXT_H
#include <stdint.h>

/* Unicode normalization from ICU, behind plain C for the same reason as cm_spoof.h.
 * Strings are UTF-8 with explicit byte lengths. Functions that write return the number of bytes the full
 * result needs (excluding a terminator); when that exceeds `capacity` nothing useful was written and the
 * caller retries with a larger buffer. A negative return is an ICU error code, negated. */

/* toNFKC_Casefold (Unicode's NFKC_CF): NFKC, full case folding, and default-ignorable code points removed. */
int32_t cm_nfkc_casefold(const char *text, int32_t length, char *out, int32_t capacity);

/* Canonical decomposition (NFD). */
int32_t cm_nfd(const char *text, int32_t length, char *out, int32_t capacity);

#endif

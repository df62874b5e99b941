#include "cm_text.h"

#include <stdlib.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

/* Normalizes UTF-8 through ICU's UTF-16 API. Short strings (the common case: one character or one word)
 * stay on the stack; longer ones get heap buffers sized from the input. */
static int32_t normalize_utf8(const UNormalizer2 *normalizer, const char *text, int32_t length, char *out,
                              int32_t capacity) {
    enum { STACK_UNITS = 256 };
    UChar stack_source[STACK_UNITS], stack_result[STACK_UNITS * 4];
    UChar *source = stack_source, *result = stack_result;
    int32_t source_capacity = STACK_UNITS, result_capacity = STACK_UNITS * 4;
    int32_t written = 0;
    UErrorCode status = U_ZERO_ERROR;

    if (length < 0) return -(int32_t)U_ILLEGAL_ARGUMENT_ERROR;
    /* UTF-8 never needs more UTF-16 units than bytes. */
    if (length > source_capacity) {
        source_capacity = length;
        source = malloc(sizeof(UChar) * (size_t)source_capacity);
        if (!source) return -(int32_t)U_MEMORY_ALLOCATION_ERROR;
    }
    int32_t source_length = 0;
    u_strFromUTF8WithSub(source, source_capacity, &source_length, text, length, 0xFFFD, NULL, &status);
    if (U_FAILURE(status)) goto done;

    /* NFKC can expand a character up to 18 times (U+FDFA); one retry with the exact size covers it. */
    if (source_length * 4 > result_capacity) {
        result_capacity = source_length * 4;
        result = malloc(sizeof(UChar) * (size_t)result_capacity);
        if (!result) { status = U_MEMORY_ALLOCATION_ERROR; goto done; }
    }
    int32_t result_length = unorm2_normalize(normalizer, source, source_length, result, result_capacity, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) {
        status = U_ZERO_ERROR;
        if (result != stack_result) free(result);
        result_capacity = result_length;
        result = malloc(sizeof(UChar) * (size_t)result_capacity);
        if (!result) { status = U_MEMORY_ALLOCATION_ERROR; goto done; }
        result_length = unorm2_normalize(normalizer, source, source_length, result, result_capacity, &status);
    }
    if (U_FAILURE(status)) goto done;

    u_strToUTF8(out, capacity, &written, result, result_length, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) status = U_ZERO_ERROR;

done:
    if (source != stack_source) free(source);
    if (result != stack_result) free(result);
    return U_FAILURE(status) ? -(int32_t)status : written;
}

int32_t cm_nfkc_casefold(const char *text, int32_t length, char *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *normalizer = unorm2_getNFKCCasefoldInstance(&status);
    if (U_FAILURE(status)) return -(int32_t)status;
    return normalize_utf8(normalizer, text, length, out, capacity);
}

int32_t cm_nfd(const char *text, int32_t length, char *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *normalizer = unorm2_getNFDInstance(&status);
    if (U_FAILURE(status)) return -(int32_t)status;
    return normalize_utf8(normalizer, text, length, out, capacity);
}

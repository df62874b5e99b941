#include "cm_spoof.h"

#include <pthread.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>

/* ICU documents check and skeleton calls on a configured USpoofChecker as safe from many threads,
 * so one process-wide checker per configuration is built once and never freed. */
static USpoofChecker *skeleton_checker;
static USpoofChecker *restriction_checker;
static UErrorCode init_status = U_ZERO_ERROR;
static pthread_once_t init_once = PTHREAD_ONCE_INIT;

static void init_checkers(void) {
    UErrorCode status = U_ZERO_ERROR;
    skeleton_checker = uspoof_open(&status);
    if (U_FAILURE(status)) { init_status = status; return; }

    restriction_checker = uspoof_open(&status);
    if (U_FAILURE(status)) { init_status = status; return; }
    uspoof_setChecks(restriction_checker, USPOOF_RESTRICTION_LEVEL, &status);
    uspoof_setRestrictionLevel(restriction_checker, USPOOF_HIGHLY_RESTRICTIVE);
    init_status = status;
}

static int32_t ready(void) {
    pthread_once(&init_once, init_checkers);
    return U_FAILURE(init_status) ? -(int32_t)init_status : 0;
}

int32_t cm_confusable_skeleton(const char *text, int32_t length, char *out, int32_t capacity) {
    int32_t failed = ready();
    if (failed) return failed;
    UErrorCode status = U_ZERO_ERROR;
    int32_t needed = uspoof_getSkeletonUTF8(skeleton_checker, 0, text, length, out, capacity, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) return needed;
    if (U_FAILURE(status)) return -(int32_t)status;
    return needed;
}

int32_t cm_is_highly_restrictive(const char *word, int32_t length) {
    int32_t failed = ready();
    if (failed) return failed;
    UErrorCode status = U_ZERO_ERROR;
    int32_t result = uspoof_checkUTF8(restriction_checker, word, length, NULL, &status);
    if (U_FAILURE(status)) return -(int32_t)status;
    return (result & USPOOF_RESTRICTION_LEVEL) ? 0 : 1;
}

int32_t cm_script_of(uint32_t codepoint) {
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript((UChar32)codepoint, &status);
    return U_FAILURE(status) ? -1 : (int32_t)script;
}

// SwiftPM builds a C target from at least one source file; every function is `static inline` in the header.
#include "cm_byte_masks.h"

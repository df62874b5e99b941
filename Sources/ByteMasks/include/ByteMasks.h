// The module's umbrella header: SwiftPM takes a header named after the target as the umbrella, and an
// umbrella header (unlike an umbrella directory) makes an incremental build notice a header added here.
#include "cm_byte_masks.h"
#include "cm_word_masks.h"
#include "cm_body_masks.h"
#include "cm_body_blocks.h"

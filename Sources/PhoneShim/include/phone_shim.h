#ifndef PREFLIGHT_PHONE_SHIM_H
#define PREFLIGHT_PHONE_SHIM_H
/* Plain-C API over libphonenumber. Placeholder: filled in by the phone-number work (issue #5). */
#include <stdint.h>
#ifdef __cplusplus
extern "C" {
#endif
/** The libphonenumber metadata in use, as a human string. */
const char *phone_shim_library(void);
#ifdef __cplusplus
}
#endif
#endif

#ifndef PREFLIGHT_ICU_ZONES_H
#define PREFLIGHT_ICU_ZONES_H
/*
 * Time zones of a region from the system ICU's zone data. Plain C types only; the <unicode/...>
 * headers stay in icu_zones.c (see icu_shim.h for why).
 */
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Writes the canonical location time zone IDs of `region` (ISO 3166-1 alpha-2, e.g. "US"), as
 * ICU lists them (UCAL_ZONE_TYPE_CANONICAL_LOCATION), into `out`, each followed by '\n'.
 * Returns the number of bytes needed; when that is larger than `cap`, `*err` is set to
 * ICUSHIM_BUFFER_OVERFLOW (15) and the caller retries with a bigger buffer. An unknown region
 * yields no zones. A positive `*err` is an ICU error.
 */
int32_t icuzones_for_region(const char *region, char *out, int32_t cap, int32_t *err);

#ifdef __cplusplus
}
#endif
#endif

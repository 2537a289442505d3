#include "icu_zones.h"

#include <string.h>
#include <unicode/ucal.h>
#include <unicode/uenum.h>

int32_t icuzones_for_region(const char *region, char *out, int32_t cap, int32_t *err) {
    UErrorCode e = U_ZERO_ERROR;
    UEnumeration *zones = ucal_openTimeZoneIDEnumeration(UCAL_ZONE_TYPE_CANONICAL_LOCATION, region, NULL, &e);
    int32_t needed = 0;
    if (U_SUCCESS(e)) {
        const char *id;
        int32_t length = 0;
        while ((id = uenum_next(zones, &length, &e)) != NULL && U_SUCCESS(e)) {
            if (needed + length + 1 <= cap) {
                memcpy(out + needed, id, (size_t)length);
                out[needed + length] = '\n';
            }
            needed += length + 1;
        }
    }
    if (zones != NULL) uenum_close(zones);
    if (U_SUCCESS(e) && needed > cap) e = U_BUFFER_OVERFLOW_ERROR;
    *err = (int32_t)e;
    return needed;
}

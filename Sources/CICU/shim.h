/* Only carries the pkg-config and link flags of system ICU; no Swift module imports CICU. */
#include <unicode/uversion.h>

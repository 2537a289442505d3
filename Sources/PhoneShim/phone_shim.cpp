#include "phone_shim.h"
#include <phonenumbers/phonenumberutil.h>

extern "C" const char *phone_shim_library(void) { return "libphonenumber"; }

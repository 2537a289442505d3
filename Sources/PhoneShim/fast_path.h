#ifndef PREFLIGHT_PHONE_FAST_PATH_H
#define PREFLIGHT_PHONE_FAST_PATH_H
// The fast path of phone_parse for `+` and ASCII digits (C++ only, private to PhoneShim).
#include "phone_shim.h"

#include <phonenumbers/phonenumber.pb.h>

#include <cstddef>

namespace preflight_phone {

/// Parses `input` when it is `+` followed by ASCII digit groups separated by single ' ', '-' or
/// '.', filling `out` exactly as the libphonenumber path of phone_parse would (out must have been
/// reset by the caller). Returns false, leaving `out` for the caller to reset, whenever the input
/// has another shape or libphonenumber could treat it in a way this path does not reproduce
/// (national prefix stripping, unknown calling codes with a default region, unsupported metadata).
/// Whether `input` has the shape the fast path takes: `+`, then ASCII digit groups joined by single
/// ' ', '-' or '.', at most PHONE_SHIM_MAX_INPUT bytes.
bool hasFastShape(const char *input, int32_t length);

bool fastParse(const char *input, int32_t length, const char *default_region, int32_t flags, phone_info *out);

/// The PhoneNumber that libphonenumber's Parse makes of calling code `country_code` and the
/// national significant number `nsn` (`count` ASCII digits, 1...17): the value as an integer
/// plus the Italian leading zero flag and count.
i18n::phonenumbers::PhoneNumber makeNumber(int32_t country_code, const char *nsn, size_t count);

} // namespace preflight_phone
#endif

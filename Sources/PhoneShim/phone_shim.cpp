#include "phone_shim.h"

#include "fast_path.h"

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <cstring>
#include <set>
#include <string>

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

namespace {

const PhoneNumberUtil &util() { return *PhoneNumberUtil::GetInstance(); }

/// Copies `s` with a terminating NUL; false when it does not fit.
bool copy(char *dst, size_t cap, const std::string &s) {
    if (s.size() >= cap) return false;
    std::memcpy(dst, s.data(), s.size());
    dst[s.size()] = 0;
    return true;
}

int32_t mapError(PhoneNumberUtil::ErrorType e) {
    switch (e) {
    case PhoneNumberUtil::NO_PARSING_ERROR: return PHONE_OK;
    case PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR: return PHONE_ERR_INVALID_COUNTRY_CODE;
    case PhoneNumberUtil::NOT_A_NUMBER: return PHONE_ERR_NOT_A_NUMBER;
    case PhoneNumberUtil::TOO_SHORT_AFTER_IDD: return PHONE_ERR_TOO_SHORT_AFTER_IDD;
    case PhoneNumberUtil::TOO_SHORT_NSN: return PHONE_ERR_TOO_SHORT_NSN;
    case PhoneNumberUtil::TOO_LONG_NSN: return PHONE_ERR_TOO_LONG_NSN;
    }
    return PHONE_ERR_NOT_A_NUMBER;
}

int32_t mapType(PhoneNumberUtil::PhoneNumberType t) {
    switch (t) {
    case PhoneNumberUtil::FIXED_LINE: return PHONE_TYPE_FIXED_LINE;
    case PhoneNumberUtil::MOBILE: return PHONE_TYPE_MOBILE;
    case PhoneNumberUtil::FIXED_LINE_OR_MOBILE: return PHONE_TYPE_FIXED_LINE_OR_MOBILE;
    case PhoneNumberUtil::TOLL_FREE: return PHONE_TYPE_TOLL_FREE;
    case PhoneNumberUtil::PREMIUM_RATE: return PHONE_TYPE_PREMIUM_RATE;
    case PhoneNumberUtil::SHARED_COST: return PHONE_TYPE_SHARED_COST;
    case PhoneNumberUtil::VOIP: return PHONE_TYPE_VOIP;
    case PhoneNumberUtil::PERSONAL_NUMBER: return PHONE_TYPE_PERSONAL;
    case PhoneNumberUtil::PAGER: return PHONE_TYPE_PAGER;
    case PhoneNumberUtil::UAN: return PHONE_TYPE_UAN;
    case PhoneNumberUtil::VOICEMAIL: return PHONE_TYPE_VOICEMAIL;
    case PhoneNumberUtil::UNKNOWN: return PHONE_TYPE_UNKNOWN;
    }
    return PHONE_TYPE_UNKNOWN;
}

PhoneNumberUtil::PhoneNumberType unmapType(int32_t t) {
    switch (t) {
    case PHONE_TYPE_FIXED_LINE: return PhoneNumberUtil::FIXED_LINE;
    case PHONE_TYPE_MOBILE: return PhoneNumberUtil::MOBILE;
    case PHONE_TYPE_FIXED_LINE_OR_MOBILE: return PhoneNumberUtil::FIXED_LINE_OR_MOBILE;
    case PHONE_TYPE_TOLL_FREE: return PhoneNumberUtil::TOLL_FREE;
    case PHONE_TYPE_PREMIUM_RATE: return PhoneNumberUtil::PREMIUM_RATE;
    case PHONE_TYPE_SHARED_COST: return PhoneNumberUtil::SHARED_COST;
    case PHONE_TYPE_VOIP: return PhoneNumberUtil::VOIP;
    case PHONE_TYPE_PERSONAL: return PhoneNumberUtil::PERSONAL_NUMBER;
    case PHONE_TYPE_PAGER: return PhoneNumberUtil::PAGER;
    case PHONE_TYPE_UAN: return PhoneNumberUtil::UAN;
    case PHONE_TYPE_VOICEMAIL: return PhoneNumberUtil::VOICEMAIL;
    default: return PhoneNumberUtil::UNKNOWN;
    }
}

int32_t mapPossibility(PhoneNumberUtil::ValidationResult r) {
    switch (r) {
    case PhoneNumberUtil::IS_POSSIBLE: return PHONE_POSSIBLE;
    case PhoneNumberUtil::IS_POSSIBLE_LOCAL_ONLY: return PHONE_POSSIBLE_LOCAL_ONLY;
    case PhoneNumberUtil::INVALID_COUNTRY_CODE: return PHONE_IMPOSSIBLE_COUNTRY_CODE;
    case PhoneNumberUtil::TOO_SHORT: return PHONE_IMPOSSIBLE_TOO_SHORT;
    case PhoneNumberUtil::INVALID_LENGTH: return PHONE_IMPOSSIBLE_LENGTH;
    case PhoneNumberUtil::TOO_LONG: return PHONE_IMPOSSIBLE_TOO_LONG;
    }
    return PHONE_IMPOSSIBLE_LENGTH;
}

int32_t parse(const char *input, int32_t length, const char *default_region, int32_t flags, phone_info *out) {
    const PhoneNumberUtil &u = util();
    PhoneNumber number;
    const std::string region = default_region && *default_region ? default_region : "ZZ";
    int32_t err = mapError(u.Parse(std::string(input, static_cast<size_t>(length)), region, &number));
    if (err != PHONE_OK) return err;
    out->country_code = number.country_code();
    std::string s;
    u.Format(number, PhoneNumberUtil::E164, &s);
    if (!copy(out->e164, sizeof out->e164, s)) return PHONE_ERR_INTERNAL;
    s.clear();
    u.GetNationalSignificantNumber(number, &s);
    if (!copy(out->national_number, sizeof out->national_number, s)) return PHONE_ERR_INTERNAL;
    out->possibility = mapPossibility(u.IsPossibleNumberWithReason(number));
    if (flags & PHONE_FLAG_NORMALIZE_ONLY) return PHONE_OK;
    // IsValidNumber(n) is IsValidNumberForRegion(n, GetRegionCodeForNumber(n)), which tests the
    // same type patterns of the same region's metadata as GetNumberType(n): a number is valid
    // exactly when its type is not UNKNOWN. Deriving it saves a second region lookup and
    // pattern match (about 7 µs); PHONE_FLAG_CROSS_CHECK lets the tests confirm the equivalence.
    PhoneNumberUtil::PhoneNumberType type = u.GetNumberType(number);
    out->type = mapType(type);
    out->valid = type != PhoneNumberUtil::UNKNOWN;
    if (flags & PHONE_FLAG_CROSS_CHECK) out->valid_checked = u.IsValidNumber(number) ? 1 : 0;
    s.clear();
    u.GetRegionCodeForNumber(number, &s);
    if (!copy(out->region, sizeof out->region, s)) return PHONE_ERR_INTERNAL;
    return PHONE_OK;
}

/// The answer before anything is known: every byte defined, so equal answers are equal bytes.
void reset(phone_info *out) {
    std::memset(out, 0, sizeof *out);
    out->type = PHONE_TYPE_UNKNOWN;
    out->valid_checked = -1;
}

} // namespace

extern "C" int32_t phone_has_fast_shape(const char *input, int32_t length) {
    return input != nullptr && preflight_phone::hasFastShape(input, length) ? 1 : 0;
}

extern "C" int32_t phone_parse(const char *input, int32_t length, const char *default_region, int32_t flags,
                               phone_info *out) {
    reset(out);
    if (input == nullptr || length <= 0) return out->error = PHONE_ERR_EMPTY;
    if (length > PHONE_SHIM_MAX_INPUT) return out->error = PHONE_ERR_INPUT_TOO_LONG;
    try {
        if (!(flags & PHONE_FLAG_SLOW_PATH) && preflight_phone::fastParse(input, length, default_region, flags, out))
            return out->error;
        reset(out);
        if (flags & PHONE_FLAG_FAST_ONLY) return out->error = PHONE_ERR_NOT_FAST;
        out->error = parse(input, length, default_region, flags, out);
    } catch (...) {
        out->error = PHONE_ERR_INTERNAL;
    }
    return out->error;
}

extern "C" int32_t phone_format(int32_t country_code, const char *national_number, int32_t style, char *out,
                                int32_t cap) {
    if (national_number == nullptr || out == nullptr || cap <= 0) return -1;
    const size_t length = std::strlen(national_number);
    if (length == 0 || length > 17) return -1;
    for (size_t i = 0; i < length; i++) {
        if (national_number[i] < '0' || national_number[i] > '9') return -1;
    }
    try {
        const PhoneNumber number = preflight_phone::makeNumber(country_code, national_number, length);
        PhoneNumberUtil::PhoneNumberFormat format = PhoneNumberUtil::E164;
        if (style == PHONE_FORMAT_INTERNATIONAL) format = PhoneNumberUtil::INTERNATIONAL;
        if (style == PHONE_FORMAT_NATIONAL) format = PhoneNumberUtil::NATIONAL;
        std::string s;
        util().Format(number, format, &s);
        if (!copy(out, static_cast<size_t>(cap), s)) return -1;
        return static_cast<int32_t>(s.size());
    } catch (...) {
        return -1;
    }
}

extern "C" int32_t phone_supported_regions(char *out, int32_t cap) {
    std::set<std::string> regions;
    util().GetSupportedRegions(&regions);
    std::string all;
    for (const std::string &r : regions) {
        if (!all.empty()) all += ' ';
        all += r;
    }
    if (out != nullptr && cap > 0) copy(out, static_cast<size_t>(cap), all);
    return static_cast<int32_t>(all.size());
}

extern "C" int32_t phone_supported_calling_codes(int32_t *out, int32_t cap) {
    std::set<int> codes;
    util().GetSupportedCallingCodes(&codes);
    int32_t i = 0;
    for (int code : codes) {
        if (out != nullptr && i < cap) out[i] = code;
        i++;
    }
    return i;
}

extern "C" int32_t phone_national_prefix(int32_t country_code, char *out, int32_t cap) {
    std::string region, prefix;
    util().GetRegionCodeForCountryCode(country_code, &region);
    util().GetNddPrefixForRegion(region, true, &prefix);
    if (out == nullptr || !copy(out, static_cast<size_t>(cap), prefix)) return -1;
    return static_cast<int32_t>(prefix.size());
}

extern "C" int32_t phone_example_number(const char *region, int32_t type, char *out, int32_t cap) {
    if (region == nullptr || out == nullptr || cap <= 0) return -1;
    try {
        PhoneNumber number;
        if (!util().GetExampleNumberForType(region, unmapType(type), &number)) return -1;
        std::string s;
        util().Format(number, PhoneNumberUtil::E164, &s);
        if (!copy(out, static_cast<size_t>(cap), s)) return -1;
        return static_cast<int32_t>(s.size());
    } catch (...) {
        return -1;
    }
}

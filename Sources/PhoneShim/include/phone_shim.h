#ifndef PREFLIGHT_PHONE_SHIM_H
#define PREFLIGHT_PHONE_SHIM_H
/*
 * Plain-C API over Google's libphonenumber (C++). Only the C++ files of this target include the
 * <phonenumbers/...> headers. Every function is thread-safe: they only call const methods of
 * the PhoneNumberUtil singleton, whose creation is itself thread-safe, and read metadata tables
 * that are built once under std::call_once.
 * Strings are UTF-8; results go into fixed-size, NUL-terminated char buffers.
 */
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Inputs longer than this many bytes are rejected before libphonenumber sees them. */
#define PHONE_SHIM_MAX_INPUT 250

/* Parse outcome (phone_info.error). 1-5 are libphonenumber's ErrorType values. */
#define PHONE_OK 0
#define PHONE_ERR_INVALID_COUNTRY_CODE 1 /* no + and no usable default region, or unknown +code */
#define PHONE_ERR_NOT_A_NUMBER 2         /* no phone number in the text */
#define PHONE_ERR_TOO_SHORT_AFTER_IDD 3  /* an international prefix followed by too few digits */
#define PHONE_ERR_TOO_SHORT_NSN 4        /* fewer than 2 digits after the country code */
#define PHONE_ERR_TOO_LONG_NSN 5         /* more than 17 digits after the country code */
#define PHONE_ERR_EMPTY 6                /* empty input */
#define PHONE_ERR_INPUT_TOO_LONG 7       /* more than PHONE_SHIM_MAX_INPUT bytes */
#define PHONE_ERR_INTERNAL 8             /* the library threw (out of memory) */
#define PHONE_ERR_NOT_FAST 9             /* PHONE_FLAG_FAST_ONLY and the fast path declined */

/* Number types (phone_info.type); the shim's own stable numbering. */
#define PHONE_TYPE_FIXED_LINE 0
#define PHONE_TYPE_MOBILE 1
#define PHONE_TYPE_FIXED_LINE_OR_MOBILE 2
#define PHONE_TYPE_TOLL_FREE 3
#define PHONE_TYPE_PREMIUM_RATE 4
#define PHONE_TYPE_SHARED_COST 5
#define PHONE_TYPE_VOIP 6
#define PHONE_TYPE_PERSONAL 7
#define PHONE_TYPE_PAGER 8
#define PHONE_TYPE_UAN 9
#define PHONE_TYPE_VOICEMAIL 10
#define PHONE_TYPE_UNKNOWN 11

/* Length check (phone_info.possibility), from IsPossibleNumberWithReason. */
#define PHONE_POSSIBLE 0
#define PHONE_POSSIBLE_LOCAL_ONLY 1
#define PHONE_IMPOSSIBLE_COUNTRY_CODE 2
#define PHONE_IMPOSSIBLE_TOO_SHORT 3
#define PHONE_IMPOSSIBLE_LENGTH 4
#define PHONE_IMPOSSIBLE_TOO_LONG 5

/* phone_format styles. */
#define PHONE_FORMAT_E164 0
#define PHONE_FORMAT_INTERNATIONAL 1
#define PHONE_FORMAT_NATIONAL 2

/* phone_parse flags. */
#define PHONE_FLAG_CROSS_CHECK 1    /* also call IsValidNumber into valid_checked (tests) */
#define PHONE_FLAG_NORMALIZE_ONLY 2 /* only e164, national_number and possibility (number lists) */
#define PHONE_FLAG_SLOW_PATH 4      /* skip the fast path: PhoneNumberUtil::Parse only (tests, benchmarks) */
#define PHONE_FLAG_FAST_ONLY 8      /* fast path only: PHONE_ERR_NOT_FAST where it declines (tests) */

/** The result of phone_parse. The other fields are meaningful only when error is PHONE_OK. */
typedef struct {
    int32_t error;        /* PHONE_OK or PHONE_ERR_* */
    int32_t country_code; /* country calling code, e.g. 66 */
    int32_t type;         /* PHONE_TYPE_* */
    int32_t valid;        /* 1 when the number is in a range of its region's metadata */
    int32_t possibility;  /* PHONE_POSSIBLE... / PHONE_IMPOSSIBLE_... */
    int32_t valid_checked; /* with PHONE_FLAG_CROSS_CHECK: IsValidNumber's answer; else -1 */
    char region[8];           /* "TH", "001" (non-geographic) or "ZZ" (none) */
    char e164[24];            /* "+66812345678" */
    char national_number[24]; /* national significant number, leading zeros kept: "812345678" */
} phone_info;

/**
 * Parses `length` bytes of UTF-8 at `input` with `default_region` (ISO 3166-1 alpha-2, or NULL
 * or "ZZ" for none) and fills `out`. Returns out->error.
 *
 * Input written as '+' and ASCII digit groups joined by single ' ', '-' or '.' takes a fast path
 * (well under 1 µs instead of 15-20) that reads libphonenumber's metadata directly and fills `out`
 * byte for byte as PhoneNumberUtil::Parse, GetNumberType and GetRegionCodeForNumber would; it
 * hands over to them whenever a national prefix could be stripped. PHONE_FLAG_SLOW_PATH turns
 * the fast path off.
 */
int32_t phone_parse(const char *input, int32_t length, const char *default_region, int32_t flags,
                    phone_info *out);

/** 1 when `length` bytes at `input` have the shape of the fast path of phone_parse ('+' and digit
 * groups joined by single ' ', '-' or '.'), else 0. Such input parses in well under 1 µs, so callers
 * need not cache its results. */
int32_t phone_has_fast_shape(const char *input, int32_t length);

/**
 * Formats the number (calling code + national significant number, as phone_parse returned
 * them) in `style` into `out`; returns the length written, or -1 when it does not fit or fails.
 */
int32_t phone_format(int32_t country_code, const char *national_number, int32_t style, char *out,
                     int32_t cap);

/**
 * Writes the region codes the metadata supports, separated by spaces, into `out`; returns the
 * length needed (when it is >= cap nothing useful was written).
 */
int32_t phone_supported_regions(char *out, int32_t cap);

/** Writes up to `cap` supported country calling codes into `out`; returns how many there are. */
int32_t phone_supported_calling_codes(int32_t *out, int32_t cap);

/**
 * Writes the national (trunk) dialling prefix of the main region of `country_code`, digits only
 * (e.g. "0" for 44, "1" for 1, "" when there is none), into `out`; returns its length.
 */
int32_t phone_national_prefix(int32_t country_code, char *out, int32_t cap);

/**
 * Writes the metadata's example number of `region` and `type` (PHONE_TYPE_*) in E.164 into
 * `out`; returns its length, or -1 when the metadata has none.
 */
int32_t phone_example_number(const char *region, int32_t type, char *out, int32_t cap);

#ifdef __cplusplus
}
#endif
#endif

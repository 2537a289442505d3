#ifndef PREFLIGHT_ICU_TEXT_H
#define PREFLIGHT_ICU_TEXT_H
/*
 * Plain-C facade over ICU's spoof checker (UTS #39) and IDNA (UTS #46). Same conventions as
 * icu_shim.h: only icu_text.c includes <unicode/...>; a positive `*err` is an ICU error (see
 * icushim_error_name), zero or negative is success; functions that write into a caller buffer
 * return the length they needed and set `*err` to ICUSHIM_BUFFER_OVERFLOW when it exceeds `cap`.
 * Unlike icu_shim.h, strings here are UTF-8 (`const char *` with an explicit byte length): they
 * are short (words, sender names, host names) and Swift strings are UTF-8 already. Output
 * buffers are not NUL-terminated unless there is room for it.
 * All functions are thread-safe: the spoof checker and the UTS #46 instance are opened once per
 * process, configured, and then only used through ICU's const (thread-safe) entry points.
 */
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bits of icutext_confusable (values of USpoofChecks). */
#define ICUTEXT_SINGLE_SCRIPT_CONFUSABLE 1
#define ICUTEXT_MIXED_SCRIPT_CONFUSABLE 2
#define ICUTEXT_WHOLE_SCRIPT_CONFUSABLE 4

/* Failure bits of icutext_spoof_check (values of USpoofChecks). */
#define ICUTEXT_RESTRICTION_LEVEL 16 /* looser than highly restrictive (see `level`) */
#define ICUTEXT_INVISIBLE 32         /* invisible characters, or a non-spacing mark repeated */
#define ICUTEXT_MIXED_NUMBERS 128    /* digits from more than one numbering system */
#define ICUTEXT_HIDDEN_OVERLAY 256   /* a combining mark hidden by its base, such as i + U+0307 */

/* Restriction levels of UTS #39 section 5.2, from strictest to loosest (URestrictionLevel >> 28). */
#define ICUTEXT_LEVEL_ASCII 1
#define ICUTEXT_LEVEL_SINGLE_SCRIPT 2
#define ICUTEXT_LEVEL_HIGHLY_RESTRICTIVE 3
#define ICUTEXT_LEVEL_MODERATELY_RESTRICTIVE 4
#define ICUTEXT_LEVEL_MINIMALLY_RESTRICTIVE 5
#define ICUTEXT_LEVEL_UNRESTRICTIVE 6

/**
 * The UTS #39 confusable skeleton of `s` (uspoof_getSkeleton): two strings are confusable when
 * their skeletons are equal. Case-sensitive: "1" maps to "l", "0" to "O". Returns its byte length.
 */
int32_t icutext_skeleton(const char *s, int32_t len, char *dst, int32_t cap, int32_t *err);

/**
 * Runs the restriction-level, invisible, mixed-numbers and hidden-overlay checks on `s`
 * (uspoof_check2); returns the ICUTEXT_* failure bits and stores the restriction level the text
 * meets (ICUTEXT_LEVEL_*) in `*level`.
 */
int32_t icutext_spoof_check(const char *s, int32_t len, int32_t *level, int32_t *err);

/**
 * Whether `a` and `b` are confusable (uspoof_areConfusable): 0 when not, else a combination of
 * the ICUTEXT_*_CONFUSABLE bits. Case-sensitive.
 */
int32_t icutext_confusable(const char *a, int32_t la, const char *b, int32_t lb, int32_t *err);

/** The ICU script code (UScriptCode) of the code point `c`; 0 is Common, 1 Inherited. */
int32_t icutext_script(uint32_t c);

/** The long name of an ICU script code, for example "Cyrillic"; "" for an unknown code. */
const char *icutext_script_name(int32_t script);

/**
 * UTS #46 ToASCII of a domain name (uidna_nameToASCII_UTF8, non-transitional, with the Bidi and
 * ContextJ checks): the lowercase ASCII (punycode) form. `*idnaErrors` receives the UIDNA_ERROR_*
 * bits (0 when the name is valid); the output is produced even when there are errors.
 */
int32_t icutext_idna_to_ascii(const char *s, int32_t len, char *dst, int32_t cap, uint32_t *idnaErrors, int32_t *err);

/** UTS #46 ToUnicode of a domain name (uidna_nameToUnicodeUTF8), same options and errors. */
int32_t icutext_idna_to_unicode(const char *s, int32_t len, char *dst, int32_t cap, uint32_t *idnaErrors, int32_t *err);

#ifdef __cplusplus
}
#endif
#endif

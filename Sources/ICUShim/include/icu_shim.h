#ifndef PREFLIGHT_ICU_SHIM_H
#define PREFLIGHT_ICU_SHIM_H
/*
 * Plain-C facade over the system ICU. Only icu_shim.c includes the <unicode/...> headers: ICU's own headers
 * must never reach a Swift module, where they clash with Foundation's bundled ICU copy.
 * Strings are UTF-16 (uint16_t) buffers with explicit lengths. Functions that write into a
 * caller buffer return the length they needed; when it is larger than `cap`, `*err` is set to
 * ICUSHIM_BUFFER_OVERFLOW and the caller retries with a bigger buffer. A positive `*err` is an ICU
 * error (see icushim_error_name), zero or negative is success.
 */
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define ICUSHIM_BUFFER_OVERFLOW 15 /* U_BUFFER_OVERFLOW_ERROR */

/* Property flags of one code point, see icushim_properties. */
#define ICUSHIM_GCB_SIMPLE 1   /* Grapheme_Cluster_Break is Other, Control, CR or LF */
#define ICUSHIM_NFC_INERT 2    /* NFC_Quick_Check = Yes and canonical combining class 0 */
#define ICUSHIM_PICTOGRAPHIC 4 /* Extended_Pictographic */

/** The ICU version string, for example "72.1". */
const char *icushim_version(void);

/** The symbolic name of an ICU error code, for example "U_BUFFER_OVERFLOW_ERROR". */
const char *icushim_error_name(int32_t err);

/** ICUSHIM_* flags of the code point `c`. */
int32_t icushim_properties(uint32_t c);

/** NFC of `s` into `dst`; returns the length of the normalized text. */
int32_t icushim_nfc(const uint16_t *s, int32_t len, uint16_t *dst, int32_t cap, int32_t *err);

/**
 * Extended grapheme cluster boundaries of `s` (ICU character break iterator): writes the end
 * offset of every cluster, in order, into `out` (the last one is `len`); returns their count.
 * `out` must hold `len` entries. Uses a break iterator cached per thread.
 */
int32_t icushim_grapheme_ends(const uint16_t *s, int32_t len, int32_t *out, int32_t *err);

/** Transliterators of smart encoding. */
#define ICUSHIM_TRANSLIT_PUNCTUATION 1 /* look-alike punctuation, spaces, invisible characters */
#define ICUSHIM_TRANSLIT_LETTERS 2     /* Any-Latin, then to ASCII letters */

/**
 * Transliterates `buf[0..<len]` in place with transliterator `which` (cached per thread);
 * returns the new length. `cap` is the capacity of `buf`.
 */
int32_t icushim_transliterate(int32_t which, uint16_t *buf, int32_t len, int32_t cap, int32_t *err);

#ifdef __cplusplus
}
#endif
#endif

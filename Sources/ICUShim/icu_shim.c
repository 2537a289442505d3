#include "icu_shim.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>
#include <unicode/uversion.h>

const char *icushim_version(void) { return U_ICU_VERSION; }

const char *icushim_error_name(int32_t err) { return u_errorName((UErrorCode)err); }

int32_t icushim_properties(uint32_t c) {
    int32_t flags = 0;
    int32_t gcb = u_getIntPropertyValue((UChar32)c, UCHAR_GRAPHEME_CLUSTER_BREAK);
    if (gcb == U_GCB_OTHER || gcb == U_GCB_CONTROL || gcb == U_GCB_CR || gcb == U_GCB_LF) {
        flags |= ICUSHIM_GCB_SIMPLE;
    }
    if (u_getIntPropertyValue((UChar32)c, UCHAR_NFC_QUICK_CHECK) == UNORM_YES &&
        u_getCombiningClass((UChar32)c) == 0) {
        flags |= ICUSHIM_NFC_INERT;
    }
    if (u_hasBinaryProperty((UChar32)c, UCHAR_EXTENDED_PICTOGRAPHIC)) {
        flags |= ICUSHIM_PICTOGRAPHIC;
    }
    return flags;
}

int32_t icushim_nfc(const uint16_t *s, int32_t len, uint16_t *dst, int32_t cap, int32_t *err) {
    UErrorCode e = U_ZERO_ERROR;
    const UNormalizer2 *n = unorm2_getNFCInstance(&e);
    int32_t r = 0;
    if (U_SUCCESS(e)) {
        r = unorm2_normalize(n, (const UChar *)s, len, (UChar *)dst, cap, &e);
    }
    *err = e;
    return r;
}

/* ---- per-thread caches: ICU service objects are not meant to be shared between threads ---- */

static pthread_key_t break_key;
static pthread_key_t translit_key[3];
static pthread_once_t keys_once = PTHREAD_ONCE_INIT;

static void close_break(void *p) { ubrk_close((UBreakIterator *)p); }
static void close_translit(void *p) { utrans_close((UTransliterator *)p); }

static void make_keys(void) {
    pthread_key_create(&break_key, close_break);
    for (int i = 0; i < 3; i++) pthread_key_create(&translit_key[i], close_translit);
}

int32_t icushim_grapheme_ends(const uint16_t *s, int32_t len, int32_t *out, int32_t *err) {
    UErrorCode e = U_ZERO_ERROR;
    pthread_once(&keys_once, make_keys);
    UBreakIterator *bi = (UBreakIterator *)pthread_getspecific(break_key);
    if (bi == NULL) {
        bi = ubrk_open(UBRK_CHARACTER, "", NULL, 0, &e);
        if (U_FAILURE(e)) { *err = e; return 0; }
        pthread_setspecific(break_key, bi);
    }
    ubrk_setText(bi, (const UChar *)s, len, &e);
    if (U_FAILURE(e)) { *err = e; return 0; }
    int32_t count = 0;
    ubrk_first(bi);
    for (int32_t b = ubrk_next(bi); b != UBRK_DONE && count < len; b = ubrk_next(bi)) {
        out[count++] = b;
    }
    /* Do not keep a pointer to the caller's buffer past this call. */
    ubrk_setText(bi, (const UChar *)u"", 0, &e);
    *err = U_ZERO_ERROR;
    return count;
}

/*
 * Smart encoding, level 1: look-alike punctuation and spaces to GSM 03.38 characters, invisible
 * characters removed. Our own rule set; fullwidth ASCII is appended by build_punctuation_rules.
 */
static const char *punctuation_rules =
    /* single quotes, apostrophes, primes, grave and acute accents used as quotes */
    "[\\u2018\\u2019\\u201A\\u201B\\u2032\\u2035\\u0060\\u00B4\\u02B9\\u02BB\\u02BC\\u02BD\\u02C8] > \\' ;"
    /* double quotes, double primes, guillemets */
    "[\\u201C\\u201D\\u201E\\u201F\\u2033\\u2036\\u00AB\\u00BB\\u02BA\\u02DD\\u3003] > \\\" ;"
    /* single angle quotation marks keep their direction */
    "\\u2039 > \\< ; \\u203A > \\> ;"
    /* hyphens, dashes, minus sign, bullets */
    "[\\u2010\\u2011\\u2012\\u2013\\u2014\\u2015\\u2043\\u2212\\uFE58\\uFE63\\u2022\\u2023\\u2219\\u25E6] > \\- ;"
    "\\u2026 > '...' ;"
    "\\u2044 > \\/ ;"
    /* tab, no-break space and the other Unicode spaces: one space */
    "[\\u0009\\u00A0\\u1680\\u2000-\\u200A\\u202F\\u205F\\u3000] > ' ' ;"
    /* zero-width characters, word joiner, soft hyphen, BOM: removed */
    "[\\u200B\\u200C\\u200D\\u2060\\u00AD\\u180E\\uFEFF] > ;";

static UChar *build_punctuation_rules(int32_t *outLen) {
    size_t base = strlen(punctuation_rules);
    size_t cap = base + 94 * 24 + 1;
    char *rules = (char *)malloc(cap);
    if (rules == NULL) return NULL;
    memcpy(rules, punctuation_rules, base);
    size_t at = base;
    /* fullwidth ASCII U+FF01..U+FF5E to ASCII U+0021..U+007E */
    for (uint32_t c = 0xFF01; c <= 0xFF5E; c++) {
        at += (size_t)snprintf(rules + at, cap - at, "\\u%04X > \\u%04X ;", c, c - 0xFF01 + 0x21);
    }
    rules[at] = 0;
    UChar *u = (UChar *)malloc((at + 1) * sizeof(UChar));
    if (u != NULL) {
        u_uastrcpy(u, rules);
        *outLen = (int32_t)at;
    }
    free(rules);
    return u;
}

/*
 * Smart encoding, level 2: letters outside GSM 03.38 to Latin, then to ASCII. Combining marks left
 * over are removed. Lowercase c-cedilla becomes the GSM capital C-cedilla (0x09) instead of "c".
 */
static const char *letter_rules =
    "::Any-Latin ;"
    "::[^\\u00E7] NFD ;"
    "::[:Nonspacing Mark:] Remove ;"
    "::NFC ;"
    "\\u00E7 > \\u00C7 ;"
    "::[^\\u00C7] Latin-ASCII ;";

static UTransliterator *open_translit(int32_t which, UErrorCode *e) {
    UChar *rules = NULL;
    int32_t rulesLen = 0;
    if (which == ICUSHIM_TRANSLIT_PUNCTUATION) {
        rules = build_punctuation_rules(&rulesLen);
    } else {
        size_t n = strlen(letter_rules);
        rules = (UChar *)malloc((n + 1) * sizeof(UChar));
        if (rules != NULL) { u_uastrcpy(rules, letter_rules); rulesLen = (int32_t)n; }
    }
    if (rules == NULL) { *e = U_MEMORY_ALLOCATION_ERROR; return NULL; }
    static const UChar id[] = u"Preflight-Smart";
    UParseError pe;
    UTransliterator *t = utrans_openU(id, -1, UTRANS_FORWARD, rules, rulesLen, &pe, e);
    free(rules);
    return t;
}

int32_t icushim_transliterate(int32_t which, uint16_t *buf, int32_t len, int32_t cap, int32_t *err) {
    UErrorCode e = U_ZERO_ERROR;
    if (which < 1 || which > 2) { *err = U_ILLEGAL_ARGUMENT_ERROR; return 0; }
    pthread_once(&keys_once, make_keys);
    UTransliterator *t = (UTransliterator *)pthread_getspecific(translit_key[which]);
    if (t == NULL) {
        t = open_translit(which, &e);
        if (U_FAILURE(e)) { *err = e; return 0; }
        pthread_setspecific(translit_key[which], t);
    }
    int32_t textLen = len;
    int32_t limit = len;
    utrans_transUChars(t, (UChar *)buf, &textLen, cap, 0, &limit, &e);
    *err = e;
    return textLen;
}

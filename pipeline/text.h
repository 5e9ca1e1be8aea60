/* UTF-8 stepping, a growable byte buffer, East Asian width and a few
 * language helpers shared by readers, filters and writers. */
#ifndef HX_TEXT_H
#define HX_TEXT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Heap buffer that grows on demand; data is always NUL-terminated once
 * anything was added. Zero-initialise, then release with hx_buf_free. */
struct hx_buf {
    char *data;
    size_t len, cap;
};

/* Appends len bytes of s. */
void hx_buf_add(struct hx_buf *b, const char *s, size_t len);

/* Appends the NUL-terminated s. */
void hx_buf_adds(struct hx_buf *b, const char *s);

/* Appends one byte. */
void hx_buf_addc(struct hx_buf *b, char c);

/* Appends a code point as UTF-8 (invalid ones as U+FFFD). */
void hx_buf_addcp(struct hx_buf *b, int32_t cp);

/* printf onto the end of the buffer. */
void hx_buf_addf(struct hx_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* va_list form of hx_buf_addf; afterwards data is never NULL. */
void hx_buf_vaddf(struct hx_buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

/* Empties the buffer but keeps its memory. */
void hx_buf_reset(struct hx_buf *b);

/* Releases the memory; the buffer may be reused afterwards. */
void hx_buf_free(struct hx_buf *b);

/* hx_utf8_next out of line: every sequence, ASCII included. */
int32_t hx_utf8_decode(const char *s, size_t len, size_t *i);

/* Decodes the code point at s[*i] (i < len) and advances *i past it.
 * Returns -1 and advances by one byte on a malformed, overlong or surrogate
 * sequence, so callers can always make progress. */
static inline int32_t hx_utf8_next(const char *s, size_t len, size_t *i)
{
    unsigned char c = (unsigned char)s[*i];
    if (c < 0x80) { /* inline: most text of every language has ASCII in it */
        *i += 1;
        return (int32_t)c;
    }
    return hx_utf8_decode(s, len, i);
}

/* Decodes the code point ending just before s[*i] (i > 0), moving *i back to
 * its first byte; -1 for malformed input (moved back one byte). */
int32_t hx_utf8_prev(const char *s, size_t *i);

/* 0 when s[0..len) is valid UTF-8; otherwise -1 with *bad set to the byte
 * offset of the first bad sequence. */
int hx_utf8_check(const char *s, size_t len, size_t *bad);

/* When s starts with a UTF-16 byte order mark (FF FE or FE FF): its text
 * as UTF-8 without the mark (malloc'd, NUL-terminated, length in
 * *outlen; lone surrogates and an odd last byte become U+FFFD). Else
 * NULL. Notepad saves "Unicode" text this way. */
char *hx_utf16_to_utf8(const char *s, size_t len, size_t *outlen);

/* Columns the code point takes in a monospaced terminal: 2 for East Asian
 * Wide/Fullwidth, 0 for combining marks and controls, 1 otherwise. */
int hx_cp_width(int32_t cp);

/* Display width of a UTF-8 string (sum of hx_cp_width). */
size_t hx_str_width(const char *s, size_t len);

/* Han ideograph (CJK Unified, extensions, compatibility)? */
int hx_cp_is_han(int32_t cp);

/* White space as Unicode defines it, including U+3000 and U+00A0. */
int hx_cp_is_space(int32_t cp);

/* Value of a superscript digit (U+00B9, U+00B2, U+00B3, U+2070..U+2079), or -1. */
int hx_cp_superscript_digit(int32_t cp);

/* Value of a decimal digit of any script (ASCII, Arabic-Indic, full-width…),
 * or -1. */
int hx_cp_digit(int32_t cp);

/* Best guess of the BCP 47 language of a text among the six UN languages
 * ("ar", "zh", "en", "fr", "ru", "es"), from its scripts and, for Latin
 * text, its commonest function words; "und" when nothing is known. */
const char *hx_lang_guess(const char *s, size_t len);

/* The primary subtag of a BCP 47 tag compared with want ("zh-Hans" is "zh");
 * NULL tag never matches. */
int hx_lang_is(const char *tag, const char *want);

/* Is the language written right to left (ar, fa, he, ur…)? */
int hx_lang_is_rtl(const char *tag);

#endif

/* The structure stage's case folding (filters/structure/text.c) folds ASCII
 * and the characters folding leaves alone itself and hands the others to
 * ICU: its bytes must be exactly those of ICU's u_strFoldCase over the
 * whole text (with U+2019 read as an apostrophe), which the paragraph
 * keys, lead words and align depend on. Checked for every code point
 * between others, for texts cut inside a character (callers fold
 * prefixes), for bytes that are not UTF-8, for long texts of characters
 * that fold to longer ones, and for every ASCII byte. */
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uclean.h>
#include <unicode/ustring.h>

#include "check.h"
#include "filters/structure/structure.h"
#include "hx.h"

/* The reference: ICU over the whole text, as the stage folded before. */
static char *fold_ref(const char *s, size_t len, size_t *out)
{
    UErrorCode err = U_ZERO_ERROR;
    int32_t ulen = 0, flen, blen = 0;
    u_strFromUTF8WithSub(NULL, 0, &ulen, s, (int32_t)len, 0xFFFD, NULL, &err);
    err = U_ZERO_ERROR;
    UChar *u = malloc(((size_t)ulen + 1) * sizeof *u);
    UChar *f = malloc(((size_t)ulen * 3 + 1) * sizeof *f);
    u_strFromUTF8WithSub(u, ulen + 1, NULL, s, (int32_t)len, 0xFFFD, NULL, &err);
    flen = u_strFoldCase(f, ulen * 3 + 1, u, ulen, U_FOLD_CASE_DEFAULT, &err);
    for (int32_t i = 0; i < flen; i++)
        if (f[i] == 0x2019)
            f[i] = '\'';
    u_strToUTF8(NULL, 0, &blen, f, flen, &err);
    err = U_ZERO_ERROR;
    char *b = malloc((size_t)blen + 1);
    u_strToUTF8(b, blen + 1, NULL, f, flen, &err);
    free(u);
    free(f);
    if (U_FAILURE(err)) {
        free(b);
        return NULL;
    }
    *out = (size_t)blen;
    return b;
}

/* 1 when structure_fold and the reference agree on s[0..len). */
static int agrees(const char *s, size_t len)
{
    size_t a = 0, b = 0;
    char *x = structure_fold(s, len, &a), *y = fold_ref(s, len, &b);
    int ok = !x == !y && (!x || (a == b && memcmp(x, y, a) == 0));
    free(x);
    free(y);
    return ok;
}

static unsigned bad_cp;

static void report(const char *what, int32_t c)
{
    if (bad_cp++ < 10)
        fprintf(stderr, "fold differs from ICU: %s U+%04X\n", what, (unsigned)c);
}

/* Every scalar value between ASCII capitals and U+2019 (folded as one
 * text, as the stage folds a block's opening), and cut after each of its
 * bytes: every one of the BMP, one in 61 beyond (the cuts of four-byte
 * characters differ only in their bytes' values). */
static void test_every_code_point(void)
{
    char buf[32];
    for (int32_t c = 0; c <= 0x10FFFF; c++) {
        UChar u[2];
        char s8[4];
        int32_t n = 0, l8 = 0;
        UErrorCode err = U_ZERO_ERROR;
        if (c >= 0xD800 && c <= 0xDFFF)
            continue;
        U16_APPEND_UNSAFE(u, n, c);
        u_strToUTF8(s8, (int32_t)sizeof s8, &l8, u, n, &err);
        memcpy(buf, "Ab", 2);
        memcpy(buf + 2, s8, (size_t)l8);
        memcpy(buf + 2 + l8, "Z\xE2\x80\x99x", 5);
        if (!agrees(buf, (size_t)l8 + 7))
            report("between", c);
        if (c > 0xFFFF && c % 61)
            continue;
        for (int32_t t = 1; t < l8; t++) {
            memcpy(buf, "Q", 1);
            memcpy(buf + 1, s8, (size_t)t);
            memcpy(buf + 1 + t, "\xC3\x89Z", 3);
            if (!agrees(buf, (size_t)t + 1) || !agrees(buf, (size_t)t + 4))
                report("cut", c);
        }
    }
    CHECK_INT(bad_cp, 0);
}

/* Long texts of pieces that fold longer ("ΐ" to three characters, "ß",
 * "ﬀ", "ŉ"), stay ("中", "Ж" folds), or are not UTF-8, cut anywhere. */
static void test_pieces(void)
{
    static const char *const pieces[] = {"\xCE\x90",
                                         "\xC3\x9F",
                                         "A",
                                         "\xE4\xB8\xAD",
                                         "\xEF\xBC\xA1",
                                         "\xE2\x80\x99",
                                         "\xC5\x89",
                                         "\xEF\xAC\x80",
                                         "\xF0\x90\x90\x80",
                                         "\xE4\xB8",
                                         "\xC3",
                                         "\xD0\x96",
                                         " ",
                                         "\xED\xA0\x80",
                                         "\xC0\xAF"};
    const size_t np = sizeof pieces / sizeof pieces[0];
    static char big[8192];
    unsigned bad = 0;
    srand(14);
    for (int k = 0; k < 4000; k++) {
        size_t n = 0;
        int m = rand() % 900;
        for (int q = 0; q < m; q++) {
            const char *pc = pieces[(size_t)rand() % np];
            size_t l = strlen(pc);
            memcpy(big + n, pc, l);
            n += l;
        }
        bad += !agrees(big, n);
        if (n > 3)
            bad += !agrees(big, n - 1 - (size_t)rand() % 3);
    }
    /* every ASCII byte at every place of the eight folded at a time */
    for (int c = 0; c < 128; c++)
        for (int at = 0; at < 24; at++) {
            char a[24];
            for (int q = 0; q < 24; q++)
                a[q] = (char)("@AZ[`az{"[q % 8]);
            a[at] = (char)c;
            bad += !agrees(a, 24) || !agrees(a + 1, 22);
        }
    CHECK_INT(bad, 0);
    /* what the stage relies on, spelled out */
    size_t len = 0;
    char *f = structure_fold("The GENERAL Assembly\xE2\x80\x99s", 24, &len);
    CHECK_STR(f, "the general assembly's");
    free(f);
}

int main(void)
{
    test_pieces();
    test_every_code_point();
    u_cleanup();
    return check_done();
}

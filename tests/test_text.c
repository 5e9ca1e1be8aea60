#include "check.h"
#include "hx.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

/* The character classes answer some code points without ICU (ASCII, the
 * URO); every code point must still get ICU's answer. */
static void classes_match_icu(void)
{
    int32_t bad_han = -1, bad_space = -1, bad_digit = -1, bad_width = -1;
    for (int32_t cp = 0; cp <= 0x10FFFF; cp++) {
        UErrorCode err = U_ZERO_ERROR;
        int han = uscript_getScript(cp, &err) == USCRIPT_HAN && U_SUCCESS(err) && u_isalpha(cp);
        int space = u_isUWhiteSpace(cp) || cp == 0xA0 || cp == 0x202F;
        int digit = u_charDigitValue(cp) >= 0 && u_charType(cp) == U_DECIMAL_DIGIT_NUMBER
                        ? u_charDigitValue(cp)
                        : -1;
        int8_t t = u_charType(cp);
        int ea = u_getIntPropertyValue(cp, UCHAR_EAST_ASIAN_WIDTH);
        int width = cp == 0 || t == U_NON_SPACING_MARK || t == U_ENCLOSING_MARK ||
                            t == U_CONTROL_CHAR || t == U_FORMAT_CHAR
                        ? 0
                    : ea == U_EA_WIDE || ea == U_EA_FULLWIDTH ? 2
                                                              : 1;
        if (bad_han < 0 && !hx_cp_is_han(cp) != !han)
            bad_han = cp;
        if (bad_space < 0 && !hx_cp_is_space(cp) != !space)
            bad_space = cp;
        if (bad_digit < 0 && hx_cp_digit(cp) != digit)
            bad_digit = cp;
        if (bad_width < 0 && hx_cp_width(cp) != width)
            bad_width = cp;
    }
    CHECK_INT(bad_han, -1);
    CHECK_INT(bad_space, -1);
    CHECK_INT(bad_digit, -1);
    CHECK_INT(bad_width, -1);
}

static int32_t first_cp(const char *s)
{
    size_t i = 0;
    return hx_utf8_next(s, strlen(s), &i);
}

int main(void)
{
    size_t i = 0, bad = 99;
    const char *s = "a字é😀";
    size_t n = strlen(s);
    CHECK_INT(hx_utf8_next(s, n, &i), 'a');
    CHECK_INT(hx_utf8_next(s, n, &i), 0x5B57);
    CHECK_INT(hx_utf8_next(s, n, &i), 0xE9);
    CHECK_INT(hx_utf8_next(s, n, &i), 0x1F600);
    CHECK_INT(i, n);
    i = n;
    CHECK_INT(hx_utf8_prev(s, &i), 0x1F600);
    CHECK_INT(hx_utf8_prev(s, &i), 0xE9);
    /* Malformed: overlong, surrogate, truncated, stray continuation. */
    CHECK_INT(first_cp("\xC0\xAF"), -1);
    CHECK_INT(first_cp("\xED\xA0\x80"), -1);
    CHECK_INT(first_cp("\xE5\xAD"), -1);
    CHECK_INT(first_cp("\x80"), -1);
    CHECK_INT(hx_utf8_check("ok 字", 6, &bad), 0);
    CHECK_INT(hx_utf8_check("ok\xFF字", 6, &bad), -1);
    CHECK_INT(bad, 2);

    struct hx_buf b = {0};
    hx_buf_adds(&b, "x=");
    hx_buf_addcp(&b, 0x4E00);
    hx_buf_addf(&b, "%d", 42);
    hx_buf_addcp(&b, 0xD800); /* a surrogate becomes U+FFFD */
    CHECK_STR(b.data, "x=一42\xEF\xBF\xBD");
    hx_buf_free(&b);

    CHECK_INT(hx_cp_width('a'), 1);
    CHECK_INT(hx_cp_width(0x5B57), 2);
    CHECK_INT(hx_cp_width(0xFF0C), 2); /* full-width comma */
    CHECK_INT(hx_cp_width(0x0301), 0); /* combining acute */
    CHECK_INT(hx_str_width("ab字，", strlen("ab字，")), 6);
    CHECK(hx_cp_is_han(0x5B57));
    CHECK(!hx_cp_is_han(0x3002)); /* 。 is punctuation */
    CHECK(hx_cp_is_space(0x3000));
    CHECK_INT(hx_cp_superscript_digit(0xB9), 1);
    CHECK_INT(hx_cp_superscript_digit(0x2077), 7);
    CHECK_INT(hx_cp_superscript_digit('7'), -1);
    CHECK_INT(hx_cp_digit(0x0663), 3);  /* Arabic-Indic three */
    CHECK_INT(hx_cp_digit(0xFF15), 5);  /* full-width five */
    CHECK_INT(hx_cp_digit(0x4E09), -1); /* 三 is not a decimal digit */

    CHECK_STR(hx_lang_guess("大会，回顾其决议", strlen("大会，回顾其决议")), "zh");
    CHECK_STR(hx_lang_guess("The General Assembly, recalling the resolution of the", 53), "en");
    CHECK_STR(hx_lang_guess("L'Assemblée générale, rappelant les résolutions et la", 55), "fr");
    CHECK_STR(hx_lang_guess("La Asamblea General, recordando los principios y las", 52), "es");
    CHECK_STR(hx_lang_guess("Генеральная Ассамблея", strlen("Генеральная Ассамблея")), "ru");
    CHECK_STR(hx_lang_guess("إن الجمعية العامة", strlen("إن الجمعية العامة")), "ar");
    CHECK_STR(hx_lang_guess("12345", 5), "und");
    const char *dt1 = "<?xml version=\"1.0\"?>\n<!-- c <!DOCTYPE x> -->\n<!DOCTYPE r [\n]><r/>";
    CHECK_INT(hx_xml_doctype_line(dt1, strlen(dt1)), 3);
    const char *dt2 = "<?xml version=\"1.0\"?>\n<r><!DOCTYPE r></r>";
    CHECK_INT(hx_xml_doctype_line(dt2, strlen(dt2)), 0); /* past the prolog */
    CHECK_INT(hx_xml_doctype_line("<!-- open", 9), 0);
    CHECK_INT(hx_xml_doctype_line("<!DOCTYPE", 9), 1);
    /* The root a sniffer sees: past the prolog, a DTD's subset included. */
    const char *r1 = "\xEF\xBB\xBF<?xml version=\"1.0\"?><!-- <hexaglot> -->\n"
                     "<!DOCTYPE a [<!ENTITY e \"<hexaglot>\">]>\n<an:akomaNtoso xmlns:an=\"x\">";
    CHECK(hx_xml_root_is(r1, strlen(r1), "akomaNtoso", 1));
    CHECK(!hx_xml_root_is(r1, strlen(r1), "akomaNtoso", 0)); /* no prefix wanted */
    CHECK(!hx_xml_root_is(r1, strlen(r1), "hexaglot", 1));
    CHECK(hx_xml_root_is("<hexaglot version=\"1\">", 22, "hexaglot", 0));
    CHECK(hx_xml_root_is("<hexaglot", 9, "hexaglot", 0)); /* cut inside the tag */
    CHECK(!hx_xml_root_is("<hexaglots>", 11, "hexaglot", 0));
    CHECK(!hx_xml_root_is("text <hexaglot>", 15, "hexaglot", 0));
    CHECK(!hx_xml_root_is("<!-- open <hexaglot>", 20, "hexaglot", 0));

    CHECK(hx_lang_is("zh-Hans", "zh"));
    CHECK(!hx_lang_is("zha", "zh"));
    CHECK(!hx_lang_is(NULL, "zh"));
    CHECK(hx_lang_is_rtl("ar-EG"));
    CHECK(!hx_lang_is_rtl("en"));
    classes_match_icu();
    return check_done();
}

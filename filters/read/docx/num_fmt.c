/* Word's numbering formats (w:numFmt): the numeral systems a list level's
 * value is written in. Apart from num.c (reading the definitions,
 * counters and labels) because it is a table of writing systems that grows
 * on its own; docx_fmt_value is declared in docx.h. */
#include <stdio.h>

#include "docx.h"

/* Alphabetic systems: past the end the letter repeats (AA, BB …). */
static void add_str(struct hx_buf *b, const char *const *tab, int n, int v)
{
    for (int i = 0; i <= (v - 1) / n && i < 100; i++)
        hx_buf_adds(b, tab[(v - 1) % n]);
}

/* Myriad-grouped counting: chineseCountingThousand (一百零一, 十一),
 * legal (壹佰零壹, 壹拾壹) and japaneseCounting (百一: no 一 before the
 * units, no 零 in gaps). */
enum { HAN_CHINESE, HAN_LEGAL, HAN_JAPANESE };

static void han_group(struct hx_buf *b, int v, int style, int lead)
{
    static const char *const dig[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    static const char *const ldig[] = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};
    static const char *const unit[] = {"千", "百", "十", ""};
    static const char *const lunit[] = {"仟", "佰", "拾", ""};
    const char *const *dg = style == HAN_LEGAL ? ldig : dig;
    const char *const *un = style == HAN_LEGAL ? lunit : unit;
    int d[4] = {v / 1000 % 10, v / 100 % 10, v / 10 % 10, v % 10};
    int started = 0, gap = 0;

    for (int i = 0; i < 4; i++) {
        if (d[i] == 0) {
            gap = started;
            continue;
        }
        if (gap && style != HAN_JAPANESE)
            hx_buf_adds(b, "零");
        gap = 0;
        int elide = d[i] == 1 && i < 3 &&
                    (style == HAN_JAPANESE || (style == HAN_CHINESE && i == 2 && !started && lead));
        if (!elide)
            hx_buf_adds(b, dg[d[i]]);
        hx_buf_adds(b, un[i]);
        started = 1;
    }
}

static void han_count(struct hx_buf *b, int v, int style)
{
    int hi = v / 10000, lo = v % 10000;
    if (hi) {
        han_group(b, hi, style, 1);
        hx_buf_adds(b, "万");
        if (lo && lo < 1000 && style != HAN_JAPANESE)
            hx_buf_adds(b, "零");
    }
    if (lo)
        han_group(b, lo, style, !hi);
}

static void english(struct hx_buf *b, int v, int ordinal)
{
    static const char *const ones[] = {"",        "one",     "two",       "three",    "four",
                                       "five",    "six",     "seven",     "eight",    "nine",
                                       "ten",     "eleven",  "twelve",    "thirteen", "fourteen",
                                       "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
    static const char *const oones[] = {"",          "first",       "second",     "third",
                                        "fourth",    "fifth",       "sixth",      "seventh",
                                        "eighth",    "ninth",       "tenth",      "eleventh",
                                        "twelfth",   "thirteenth",  "fourteenth", "fifteenth",
                                        "sixteenth", "seventeenth", "eighteenth", "nineteenth"};
    static const char *const tens[] = {"",      "",      "twenty",  "thirty", "forty",
                                       "fifty", "sixty", "seventy", "eighty", "ninety"};
    static const char *const otens[] = {"",          "",         "twentieth", "thirtieth",
                                        "fortieth",  "fiftieth", "sixtieth",  "seventieth",
                                        "eightieth", "ninetieth"};
    size_t at = b->len;
    if (v >= 100) {
        hx_buf_addf(b, "%d", v);
        return;
    }
    if (v < 20)
        hx_buf_adds(b, ordinal ? oones[v] : ones[v]);
    else if (v % 10 == 0)
        hx_buf_adds(b, ordinal ? otens[v / 10] : tens[v / 10]);
    else {
        hx_buf_adds(b, tens[v / 10]);
        hx_buf_addc(b, '-');
        hx_buf_adds(b, ordinal ? oones[v % 10] : ones[v % 10]);
    }
    if (b->len > at && b->data[at] >= 'a' && b->data[at] <= 'z')
        b->data[at] = (char)(b->data[at] - 'a' + 'A');
}

static void digits(struct hx_buf *b, int v, int32_t zero)
{
    char tmp[16];
    snprintf(tmp, sizeof tmp, "%d", v);
    for (char *p = tmp; *p; p++)
        hx_buf_addcp(b, zero + (*p - '0'));
}

/* The letters of the alphabetic formats, in counting order. */
static const char *const arabic_alpha[] = {"أ", "ب", "ت", "ث", "ج", "ح", "خ", "د", "ذ", "ر",
                                           "ز", "س", "ش", "ص", "ض", "ط", "ظ", "ع", "غ", "ف",
                                           "ق", "ك", "ل", "م", "ن", "ه", "و", "ي"};
static const char *const arabic_abjad[] = {"أ", "ب", "ج", "د", "ه", "و", "ز", "ح", "ط", "ي",
                                           "ك", "ل", "م", "ن", "س", "ع", "ف", "ص", "ق", "ر",
                                           "ش", "ت", "ث", "خ", "ذ", "ض", "ظ", "غ"};
static const char *const trad[] = {"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"};
static const char *const zodiac[] = {"子", "丑", "寅", "卯", "辰", "巳",
                                     "午", "未", "申", "酉", "戌", "亥"};
/* ECMA-376 §17.18.59 names them the other way round: hindiVowels are
 * the consonants U+0915..U+0939, hindiConsonants the vowels. */
static const char *const hvow[] = {"क", "ख", "ग", "घ", "ङ", "च", "छ", "ज", "झ", "ञ", "ट", "ठ", "ड",
                                   "ढ", "ण", "त", "थ", "द", "ध", "न", "ऩ", "प", "फ", "ब", "भ", "म",
                                   "य", "र", "ऱ", "ल", "ळ", "ऴ", "व", "श", "ष", "स", "ह"};
static const char *const hcons[] = {"अ", "आ", "इ", "ई", "उ", "ऊ", "ऋ", "ऌ", "ऍ",
                                    "ऎ", "ए", "ऐ", "ऑ", "ऒ", "ओ", "औ", "अं", "अः"};
static const char *const rus[] = {"а", "б", "в", "г", "д", "е", "ж", "з", "и", "к",
                                  "л", "м", "н", "о", "п", "р", "с", "т", "у", "ф",
                                  "х", "ц", "ч", "ш", "щ", "ы", "э", "ю", "я"};
static const char *const rusu[] = {"А", "Б", "В", "Г", "Д", "Е", "Ж", "З", "И", "К",
                                   "Л", "М", "Н", "О", "П", "Р", "С", "Т", "У", "Ф",
                                   "Х", "Ц", "Ч", "Ш", "Щ", "Ы", "Э", "Ю", "Я"};

void docx_fmt_value(struct hx_buf *b, int fmt, int pad, int v)
{
    /* Alphabetic and symbolic systems have no zero or negatives. */
    if (v <= 0 && fmt != NF_BULLET && fmt != NF_NONE)
        fmt = fmt == NF_DECIMAL_FULL ? NF_DECIMAL_FULL : NF_DECIMAL;
    switch (fmt) {
    case NF_NONE:
    case NF_BULLET: break;
    case NF_DECIMAL_ZERO: hx_buf_addf(b, v < 10 && v >= 0 ? "0%d" : "%d", v); break;
    case NF_PADDED: hx_buf_addf(b, "%0*d", pad, v); break;
    case NF_UPPER_LETTER:
    case NF_LOWER_LETTER:
        for (int i = 0; i <= (v - 1) / 26 && i < 100; i++)
            hx_buf_addc(b, (char)((fmt == NF_UPPER_LETTER ? 'A' : 'a') + (v - 1) % 26));
        break;
    case NF_UPPER_ROMAN:
    case NF_LOWER_ROMAN: hx_buf_add_roman(b, v, fmt == NF_UPPER_ROMAN); break;
    case NF_ORDINAL: {
        int t = v % 100, u = v % 10;
        hx_buf_addf(b, "%d%s", v,
                    t >= 11 && t <= 13 ? "th"
                    : u == 1           ? "st"
                    : u == 2           ? "nd"
                    : u == 3           ? "rd"
                                       : "th");
        break;
    }
    case NF_CARDINAL_TEXT:
    case NF_ORDINAL_TEXT: english(b, v, fmt == NF_ORDINAL_TEXT); break;
    case NF_CHINESE_COUNTING:
        /* 十 forms up to 99, then digit by digit (一〇〇) */
        if (v < 100)
            han_count(b, v, HAN_CHINESE);
        else
            goto ideograph_digits;
        break;
    case NF_CHINESE_THOUSAND:
    case NF_JAPANESE_COUNTING:
    case NF_CHINESE_LEGAL:
        if (v < 100000000)
            han_count(b, v,
                      fmt == NF_CHINESE_LEGAL       ? HAN_LEGAL
                      : fmt == NF_JAPANESE_COUNTING ? HAN_JAPANESE
                                                    : HAN_CHINESE);
        else
            hx_buf_addf(b, "%d", v);
        break;
    case NF_IDEOGRAPH_DIGITAL:
    ideograph_digits : {
        static const char *const dig[] = {"〇", "一", "二", "三", "四",
                                          "五", "六", "七", "八", "九"};
        char tmp[16];
        snprintf(tmp, sizeof tmp, "%d", v);
        for (char *p = tmp; *p; p++)
            hx_buf_adds(b, dig[*p - '0']);
        break;
    }
    case NF_IDEOGRAPH_TRAD:
        if (v <= 10)
            hx_buf_adds(b, trad[v - 1]);
        else
            hx_buf_addf(b, "%d", v);
        break;
    case NF_IDEOGRAPH_ZODIAC:
        if (v <= 12)
            hx_buf_adds(b, zodiac[v - 1]);
        else
            hx_buf_addf(b, "%d", v);
        break;
    case NF_DECIMAL_FULL: digits(b, v < 0 ? -v : v, 0xFF10); break;
    case NF_ARABIC_ALPHA: add_str(b, arabic_alpha, 28, v); break;
    case NF_ARABIC_ABJAD: add_str(b, arabic_abjad, 28, v); break;
    case NF_HINDI_NUMBERS: digits(b, v, 0x0966); break;
    case NF_HINDI_VOWELS: add_str(b, hvow, 37, v); break;
    case NF_HINDI_CONSONANTS: add_str(b, hcons, 18, v); break;
    case NF_THAI_NUMBERS: digits(b, v, 0x0E50); break;
    case NF_ENCLOSED_CIRCLE:
        if (v >= 1 && v <= 20)
            hx_buf_addcp(b, 0x2460 + v - 1);
        else
            hx_buf_addf(b, "%d", v);
        break;
    case NF_ENCLOSED_FULLSTOP:
        if (v >= 1 && v <= 20)
            hx_buf_addcp(b, 0x2488 + v - 1);
        else
            hx_buf_addf(b, "%d.", v);
        break;
    case NF_ENCLOSED_PAREN:
        if (v >= 1 && v <= 20)
            hx_buf_addcp(b, 0x2474 + v - 1);
        else
            hx_buf_addf(b, "(%d)", v);
        break;
    case NF_RUSSIAN_LOWER:
    case NF_RUSSIAN_UPPER: add_str(b, fmt == NF_RUSSIAN_LOWER ? rus : rusu, 29, v); break;
    default: /* decimal, decimalHalfWidth */ hx_buf_addf(b, "%d", v); break;
    }
}

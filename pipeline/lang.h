/* Language knowledge more than one stage needs, in one place: how lead-word
 * classes compare, Chinese numerals read, roman numerals written, the UN
 * job number recognised. The data behind them are tables beside their
 * owners (filters/structure/data/ for the lead words, pipeline/data/
 * for the function words); these are the rules that read them. */
#ifndef HX_LANG_H
#define HX_LANG_H

#include <stddef.h>
#include <stdint.h>

struct hx_buf;

/* --- lead-word classes ------------------------------------------------
 * node->lead (pipeline/doc.h) as the structure stage records it: the
 * classes the paragraph's opening words stand for, '|'-separated when a
 * rendering is shared ("recognize|whereas" for French "Considérant"); a
 * class may end in ".also" or ".further" ("recall.also"); a class of a
 * graded family is FAMILY:DEGREE ("concern:grave", "note.concern:great"),
 * its plain member the family alone ("concern"). */

enum hx_lead_match {
    HX_LEAD_SAME,     /* a class in common */
    HX_LEAD_MODIFIER, /* one in common but for "also" or "further" */
    HX_LEAD_DEGREE,   /* one graded family, another degree ("concern:grave"
                         against "concern:deep"): information, not a
                         disagreement */
    HX_LEAD_VERB,     /* one verb, another manner ("note" against
                         "note.concern") */
    HX_LEAD_OTHER     /* nothing in common; also when either is NULL */
};

/* The closest relation between any class of a and any class of b. */
enum hx_lead_match hx_lead_compare(const char *a, const char *b);

/* Is cls (a class or a '|'-separated set, NULL allowed) or one of its
 * members exactly want? */
int hx_lead_has(const char *lead, const char *want);

/* --- numerals --------------------------------------------------------- */

/* Value of a Chinese digit (〇 零 一 … 九, 两), or -1. */
int hx_zh_digit(int32_t cp);

/* Value of a Chinese numeral unit (十 百 千 万 亿), or 0. */
long hx_zh_unit(int32_t cp);

/* Value of the Chinese numeral cp[0..n) (digits and units only): counted
 * with units ("一百零五" 105, "十一" 11, "三万五千" 35000) or, without any
 * unit, digit by digit ("二〇二一" 2021). Values past 10^12 stop growing. */
long hx_zh_value(const int32_t *cp, size_t n);

/* Value of the Chinese numeral at s[*i] (UTF-8), moving *i past it; -1
 * when none starts there. */
long hx_zh_number(const char *s, size_t len, size_t *i);

/* Appends v as a roman numeral (1..3999; upper or lower case), other
 * values as decimal digits. */
void hx_buf_add_roman(struct hx_buf *b, int v, int upper);

/* --- the UN job number -------------------------------------------------
 * The number the Department for General Assembly and Conference
 * Management gives each document version, printed at the foot of its
 * first page: two digits of the year, a hyphen and four to six digits
 * ("21-17512"), after a duty station's prefix of one or two capitals and
 * a full stop ("V.12-51096", "GE.21-12345"). */

/* Bytes of the job number at the start of s[0..len), 0 when none is. */
size_t hx_job_number(const char *s, size_t len);

/* Is word w[0..len) the furniture printed with a job number: its
 * version's language letter ("(E)", "(C)"), its barcode ("*2117512*",
 * or "2117512" when the asterisks were read as emphasis) or processing
 * date ("101221")? */
int hx_job_furniture(const char *w, size_t len);

/* Month names of dates in the six languages (pipeline/data/months.tsv:
 * lang, month 1..12, lower-case text, stem "1" when case endings follow),
 * in the order to try them. */
extern const char *const hx_months[][4];
extern const size_t hx_months_rows;

#endif

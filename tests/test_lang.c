/* The language rules shared by stages (pipeline/lang.h): lead-class
 * comparison, the one Chinese numeral reader, the one roman numeral
 * writer, the one job-number rule, and the function words behind the
 * language guess. */
#include <string.h>

#include "check.h"
#include "hx.h"

static const char *roman(int v, int upper)
{
    static char out[32];
    struct hx_buf b = {0};
    hx_buf_add_roman(&b, v, upper);
    snprintf(out, sizeof out, "%s", b.data);
    hx_buf_free(&b);
    return out;
}

static long zh(const char *s)
{
    size_t i = 0;
    long v = hx_zh_number(s, strlen(s), &i);
    return v >= 0 && i == strlen(s) ? v : -2;
}

int main(void)
{
    /* lead classes: shared renderings, modifiers, graded families */
    CHECK_INT(hx_lead_compare("recall", "recall"), HX_LEAD_SAME);
    CHECK_INT(hx_lead_compare("consider|recognize|whereas", "recognize"), HX_LEAD_SAME);
    CHECK_INT(hx_lead_compare("whereas", "consider|whereas"), HX_LEAD_SAME);
    CHECK_INT(hx_lead_compare("recall.also", "recall"), HX_LEAD_MODIFIER);
    CHECK_INT(hx_lead_compare("reaffirm.further|reiterate.further", "reaffirm"), HX_LEAD_MODIFIER);
    CHECK_INT(hx_lead_compare("concern:grave", "concern:deep"), HX_LEAD_DEGREE);
    CHECK_INT(hx_lead_compare("concern", "concern:great"), HX_LEAD_DEGREE);
    CHECK_INT(hx_lead_compare("note.concern:grave|note.concern:serious", "note.concern:serious"),
              HX_LEAD_SAME);
    CHECK_INT(hx_lead_compare("note.concern:great", "note.concern"), HX_LEAD_DEGREE);
    CHECK_INT(hx_lead_compare("note.concern", "note"), HX_LEAD_VERB);
    CHECK_INT(hx_lead_compare("note.concern:deep", "note.appreciation"), HX_LEAD_VERB);
    CHECK_INT(hx_lead_compare("concern:deep", "note.concern:deep"), HX_LEAD_OTHER);
    CHECK_INT(hx_lead_compare("welcome", "regret"), HX_LEAD_OTHER);
    CHECK_INT(hx_lead_compare("recall", "recognize"), HX_LEAD_OTHER);
    CHECK_INT(hx_lead_compare(NULL, "recall"), HX_LEAD_OTHER);
    CHECK_INT(hx_lead_has("commend|welcome", "welcome"), 1);
    CHECK_INT(hx_lead_has("commend|welcome", "welcom"), 0);
    CHECK_INT(hx_lead_has(NULL, "proclaim"), 0);

    /* Chinese numerals: units, myriads, digit by digit */
    CHECK_INT(zh("七十六"), 76);
    CHECK_INT(zh("十一"), 11);
    CHECK_INT(zh("一百零五"), 105);
    CHECK_INT(zh("三万五千"), 35000);
    CHECK_INT(zh("二〇二一"), 2021);
    CHECK_INT(zh("两千"), 2000);
    CHECK_INT(zh("x"), -2);

    /* roman numerals: both cases, decimal outside 1..3999 */
    CHECK_STR(roman(1994, 1), "MCMXCIV");
    CHECK_STR(roman(4, 0), "iv");
    CHECK_STR(roman(3999, 0), "mmmcmxcix");
    CHECK_STR(roman(0, 1), "0");
    CHECK_STR(roman(4000, 0), "4000");

    /* the job number and its furniture */
    CHECK_INT(hx_job_number("21-17512", 8), 8);
    CHECK_INT(hx_job_number("V.12-51096 (E)", 14), 10);
    CHECK_INT(hx_job_number("GE.21-123456", 12), 12);
    CHECK_INT(hx_job_number("2021-1751", 9), 0);
    CHECK_INT(hx_job_number("21-175", 6), 0);
    CHECK_INT(hx_job_number("ABC.21-17512", 12), 0);
    CHECK_INT(hx_job_furniture("(E)", 3), 1);
    CHECK_INT(hx_job_furniture("*2117512*", 9), 1);
    CHECK_INT(hx_job_furniture("101221", 6), 1);
    CHECK_INT(hx_job_furniture("(e)", 3), 0);
    CHECK_INT(hx_job_furniture("12345", 5), 0);

    /* the function words (pipeline/data/function_words.tsv) */
    CHECK_STR(hx_lang_guess("the report of the committee", 27), "en");
    CHECK_STR(hx_lang_guess("le rapport de la commission et des", 34), "fr");
    CHECK_STR(hx_lang_guess("el informe de los comités y del", 32), "es");
    return check_done();
}

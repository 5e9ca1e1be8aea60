/* Page furniture for the align stage: the lines each version has its own
 * of and that are never compared (job numbers, barcodes, processing
 * dates, the masthead's job and language lines). */
#include <string.h>

#include "stage.h"

/* Is word w a job number ("21-17512", "V.12-51096", with or without its
 * "(C)"), a barcode ("*2117512*", "2117512"), a processing date ("101221")
 * or a version letter ("(C)")? 2 for a job number, 1 for the others, 0.
 * The rules are hx_job_number's and hx_job_furniture's. */
static int job_word(const char *w, size_t len)
{
    size_t k = hx_job_number(w, len);
    if (k)
        return k == len || hx_job_furniture(w + k, len - k) ? 2 : 0;
    return hx_job_furniture(w, len);
}

int align_per_version(const struct align_unit *u)
{
    static const char *const keys[] = {"front.job", "front.language"};
    size_t n = strcspn(u->key, "+");
    for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
        if (strlen(keys[k]) == n && strncmp(u->key, keys[k], n) == 0)
            return 1;
    /* page furniture anywhere: "21-18866 (E)  101221  *2118866*" */
    const char *t = u->text;
    size_t len = strlen(t), i = 0;
    int job = 0;
    while (i < len) {
        while (i < len && (t[i] == ' ' || t[i] == '\n'))
            i++;
        size_t e = i;
        while (e < len && t[e] != ' ' && t[e] != '\n')
            e++;
        if (e == i)
            break;
        int w = job_word(t + i, e - i);
        if (!w)
            return 0;
        job |= w == 2;
        i = e;
    }
    return job;
}

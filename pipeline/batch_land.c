/* A batch's outputs landed in groups; see batch_land.h. */
#include "batch_land.h"

#include "arena.h"
#include "output.h"

#include <stdlib.h>
#include <string.h>

enum {
    LAND_OUTPUTS = 64 /* a group: well under the clean-up's 256 slots */
};
static const double LAND_AGE = 0.25; /* seconds the oldest output may wait */

struct land_doc {
    long doc;
    enum hx_doc_status st;
    double seconds;
    struct hx_diags d;
    size_t first, n; /* its outputs in the queue */
};

struct hx_land {
    hx_land_landing_fn *landing;
    hx_land_done_fn *done;
    void *ud;
    char **tmp, **final;
    int *errnos;
    size_t n, cap;
    struct land_doc *docs;
    size_t ndocs, capdocs;
    size_t *owner; /* the document of each output */
    double oldest;
};

struct hx_land *hx_land_new(hx_land_landing_fn *landing, hx_land_done_fn *done, void *ud)
{
    struct hx_land *l = hx_xmalloc(sizeof *l);
    memset(l, 0, sizeof *l);
    l->landing = landing;
    l->done = done;
    l->ud = ud;
    return l;
}

void hx_land_doc(struct hx_land *l, long doc, enum hx_doc_status st, double seconds,
                 struct hx_diags *d, char **tmp, char **final, size_t n)
{
    if (l->n + n > l->cap) {
        while (l->n + n > l->cap)
            l->cap = l->cap ? l->cap * 2 : 64;
        l->tmp = hx_xrealloc(l->tmp, l->cap * sizeof *l->tmp);
        l->final = hx_xrealloc(l->final, l->cap * sizeof *l->final);
        l->errnos = hx_xrealloc(l->errnos, l->cap * sizeof *l->errnos);
        l->owner = hx_xrealloc(l->owner, l->cap * sizeof *l->owner);
    }
    if (l->ndocs == l->capdocs) {
        l->capdocs = l->capdocs ? l->capdocs * 2 : 64;
        l->docs = hx_xrealloc(l->docs, l->capdocs * sizeof *l->docs);
    }
    if (!l->ndocs)
        l->oldest = hx_batch_now();
    struct land_doc *e = &l->docs[l->ndocs++];
    e->doc = doc;
    e->st = st;
    e->seconds = seconds;
    e->d = *d;
    memset(d, 0, sizeof *d);
    e->first = l->n;
    e->n = n;
    for (size_t i = 0; i < n; i++) {
        hx_cleanup_temp_add(tmp[i]);
        l->owner[l->n] = l->ndocs - 1;
        l->tmp[l->n] = tmp[i];
        l->final[l->n++] = final[i];
    }
}

static void before_rename(void *ud, size_t i)
{
    struct hx_land *l = ud;
    const struct land_doc *e = &l->docs[l->owner[i]];
    l->landing(l->ud, e->doc, e->st, l->tmp[i], l->final[i]);
}

void hx_land_maybe(struct hx_land *l, int force)
{
    if (!l->ndocs || (!force && l->n < LAND_OUTPUTS && hx_batch_now() - l->oldest < LAND_AGE))
        return;
    hx_output_land(l->tmp, l->final, l->n, l->errnos, before_rename, l);
    for (size_t k = 0; k < l->ndocs; k++) {
        struct land_doc *e = &l->docs[k];
        for (size_t i = e->first; i < e->first + e->n; i++)
            if (l->errnos[i]) {
                hx_diags_add(&e->d, HX_SEV_ERROR, l->final[i], 0, "batch", NULL,
                             "cannot move the output into place: %s", strerror(l->errnos[i]));
                e->st = HX_DOC_FAILED;
            }
        l->done(l->ud, e->doc, e->st, e->seconds, &e->d);
        hx_diags_free(&e->d);
    }
    for (size_t i = 0; i < l->n; i++) {
        hx_cleanup_temp_forget(l->tmp[i]);
        free(l->tmp[i]);
        free(l->final[i]);
    }
    l->n = l->ndocs = 0;
}

void hx_land_free(struct hx_land *l)
{
    if (!l)
        return;
    hx_land_maybe(l, 1);
    free(l->tmp);
    free(l->final);
    free(l->errnos);
    free(l->owner);
    free(l->docs);
    free(l);
}

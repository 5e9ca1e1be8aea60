/* The story parts: the main document's body and the footnotes and
 * endnotes parts, each walked once with the streaming reader (walk.c
 * handles their elements). Part of the docx reader. */
#include <stdlib.h>
#include <string.h>

#include "walk.h"

static int walk_open(struct docx *dx, struct docx_walk *w, const char *part, char **data)
{
    size_t len;
    int rc;

    memset(w, 0, sizeof *w);
    w->dx = dx;
    w->part = hx_strdup(dx->doc->arena, part);
    rc = docx_part_read(dx, part, data, &len);
    if (rc <= 0)
        return rc;
    if (docx_rels_read(dx, part, &w->rels) < 0)
        return -1;
    if (docx_xml_open(dx, &w->x, w->part, *data, len) < 0)
        return -1;
    return 1;
}

int docx_body_read(struct docx *dx, const char *part)
{
    struct docx_walk *w = malloc(sizeof *w);
    char *data = NULL;
    int rc = -1, r;

    if (!w) {
        hx_error(dx->st, dx->doc, NULL, "out of memory");
        return -1;
    }
    r = walk_open(dx, w, part, &data);
    if (r == 0)
        hx_error(dx->st, dx->doc, NULL, "corrupt DOCX: %s is missing", part);
    if (r <= 0)
        goto out;
    while ((r = docx_xml_read(dx, &w->x)) > 0) {
        if (docx_is(&w->x, NS_W, "body")) {
            struct docx_ctx c = {0};
            c.mode = M_BLOCK;
            c.parent = dx->doc->root;
            if (docx_kids(w, &c) < 0)
                goto out;
            docx_merge_end(w);
        }
    }
    if (r < 0)
        goto out;
    rc = 0;
out:
    docx_xml_close(&w->x);
    free(data);
    free(w);
    return rc;
}

static void mark_note_body(struct hx_node *holder)
{
    struct hx_iter it = hx_iter_start(holder);
    while (hx_iter_next(&it))
        if (it.enter && (it.node->type == HX_PARA || it.node->type == HX_HEADING))
            it.node->role = HX_ROLE_NOTE_BODY;
}

int docx_notes_read(struct docx *dx, const char *part, int endnote)
{
    struct docx_walk *w = malloc(sizeof *w);
    char *data = NULL;
    int rc = -1, r, *saved = NULL;
    size_t cap = 0;
    const char *el = endnote ? "endnote" : "footnote";

    if (!w) {
        hx_error(dx->st, dx->doc, NULL, "out of memory");
        return -1;
    }
    r = walk_open(dx, w, part, &data);
    if (r <= 0) {
        rc = r;
        goto out;
    }
    docx_num_save(dx, &saved);
    while ((r = docx_xml_read(dx, &w->x)) > 0) {
        if (!docx_is(&w->x, NS_W, el))
            continue;
        const char *type = docx_attr(&w->x, NS_W, "type");
        if (type && strcmp(type, "normal") != 0) {
            /* separator, continuationSeparator, continuationNotice */
            if (docx_xml_skip(dx, &w->x) < 0)
                goto out;
            continue;
        }
        const char *ids = docx_attr(&w->x, NS_W, "id");
        struct docx_fn fn = {ids ? atoi(ids) : -1, NULL, 0};
        fn.holder = hx_node_new(dx->doc, HX_NOTE);
        struct docx_ctx c = {0};
        c.mode = M_BLOCK;
        c.parent = fn.holder;
        w->nfld = w->fld_over = 0;
        if (docx_kids(w, &c) < 0)
            goto out;
        docx_merge_end(w);
        mark_note_body(fn.holder);
        struct docx_fn **v = endnote ? &dx->ens : &dx->fns;
        size_t *n = endnote ? &dx->nens : &dx->nfns;
        *v = hx_arena_grow(dx->doc->arena, *v, *n, &cap, sizeof **v, 32);
        (*v)[(*n)++] = fn;
    }
    if (r < 0)
        goto out;
    rc = 0;
out:
    if (saved)
        docx_num_restore(dx, saved);
    docx_xml_close(&w->x);
    free(data);
    free(w);
    return rc;
}

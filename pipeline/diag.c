/* The diagnostics list and the stage-facing helpers that fill it; see
 * diag.h and filter.h. */
#include "diag.h"

#include <stdlib.h>
#include <string.h>

#include "filter.h"
#include "text.h"

static char *dup_or_null(const char *s)
{
    if (!s)
        return NULL;
    size_t len = strlen(s) + 1;
    return memcpy(hx_xmalloc(len), s, len);
}

void hx_diags_vadd(struct hx_diags *d, enum hx_severity sev, const char *file, unsigned line,
                   const char *stage, const char *key, const char *fmt, va_list ap)
{
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 32;
        d->v = hx_xrealloc(d->v, cap * sizeof *d->v);
        d->cap = cap;
    }
    struct hx_buf b = {0};
    hx_buf_vaddf(&b, fmt, ap);
    char *msg = b.data; /* the entry owns the buffer's memory from here */
    /* One diagnostic is one line: newlines in a message would break the
     * file:line: format that editors and scripts rely on. */
    for (char *p = msg; *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '\v' || *p == '\f' || *p == 0x1b)
            *p = ' ';
    struct hx_diag *e = &d->v[d->n];
    e->sev = sev;
    e->file = dup_or_null(file);
    e->line = line;
    e->stage = dup_or_null(stage ? stage : "hexaglot");
    e->key = dup_or_null(key);
    e->msg = msg;
    e->detail = NULL;
    e->seq = (unsigned)d->n;
    d->n++;
    if (sev == HX_SEV_ERROR)
        d->errors++;
    else if (sev == HX_SEV_WARNING)
        d->warnings++;
}

void hx_diags_add(struct hx_diags *d, enum hx_severity sev, const char *file, unsigned line,
                  const char *stage, const char *key, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    hx_diags_vadd(d, sev, file, line, stage, key, fmt, ap);
    va_end(ap);
}

static int cmp_diag(const void *pa, const void *pb)
{
    const struct hx_diag *a = pa, *b = pb;
    int c = strcmp(a->file ? a->file : "", b->file ? b->file : "");
    if (c)
        return c;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static const char *const sev_names[] = {"note", "warning", "error"};

static int same_text(const struct hx_diag *a, const struct hx_diag *b)
{
    return a->sev == b->sev && a->line == b->line &&
           strcmp(a->file ? a->file : "", b->file ? b->file : "") == 0 &&
           strcmp(a->stage, b->stage) == 0 &&
           strcmp(a->key ? a->key : "", b->key ? b->key : "") == 0 && strcmp(a->msg, b->msg) == 0;
}

void hx_diags_detail(struct hx_diags *d, const char *name, const char *value)
{
    if (!d->n || !name)
        return;
    struct hx_diag *e = &d->v[d->n - 1];
    struct hx_buf b = {0};
    if (e->detail)
        hx_buf_addf(&b, "%s", e->detail);
    /* Tabs and newlines delimit the pairs: keep them out of the parts. */
    for (const char *s = name; *s; s++)
        hx_buf_addf(&b, "%c", *s == '\t' || *s == '\n' ? ' ' : *s);
    hx_buf_addf(&b, "\t");
    for (const char *s = value ? value : ""; *s; s++)
        hx_buf_addf(&b, "%c", *s == '\t' || *s == '\n' ? ' ' : *s);
    hx_buf_addf(&b, "\n");
    free(e->detail);
    e->detail = b.data;
}

/* Sorts the list and calls emit once per run of identical entries of at
 * least severity min, with the run's length. */
static void diags_each(struct hx_diags *d, FILE *fp, enum hx_severity min,
                       void (*emit)(const struct hx_diag *, size_t, FILE *))
{
    if (d->n) /* qsort must not get NULL, even for no elements (UBSan) */
        qsort(d->v, d->n, sizeof *d->v, cmp_diag);
    for (size_t i = 0; i < d->n;) {
        size_t j = i + 1;
        while (j < d->n && same_text(&d->v[i], &d->v[j]))
            j++;
        if (d->v[i].sev >= min)
            emit(&d->v[i], j - i, fp);
        i = j;
    }
}

/* File names and keys come from outside (a file named "x\n1: error: …"):
 * their control characters are printed as \xNN, so that one diagnostic
 * stays one line and no line can be forged. */
static void put_escaped(const char *s, FILE *fp)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x20 || c == 0x7f)
            fprintf(fp, "\\x%02x", c);
        else
            fputc(c, fp);
    }
}

static void emit_text(const struct hx_diag *e, size_t times, FILE *fp)
{
    if (e->file) {
        put_escaped(e->file, fp);
        fprintf(fp, ":%u: ", e->line);
    } else {
        fputs("hexaglot: ", fp);
    }
    fprintf(fp, "%s: %s: ", sev_names[e->sev], e->stage);
    if (e->key) {
        put_escaped(e->key, fp);
        fputs(": ", fp);
    }
    fputs(e->msg, fp);
    if (times > 1)
        fprintf(fp, " (repeated %zu times)", times);
    fputc('\n', fp);
}

void hx_diags_print(struct hx_diags *d, FILE *fp, enum hx_severity min)
{
    diags_each(d, fp, min, emit_text);
}

/* A JSON string (RFC 8259): quotes, backslashes and control characters
 * escaped; the bytes are UTF-8 already, invalid sequences were refused or
 * replaced by the readers. len bytes of s, or up to the NUL when len is
 * (size_t)-1. NULL is null. */
static void json_string(const char *s, size_t len, FILE *fp)
{
    if (!s) {
        fputs("null", fp);
        return;
    }
    fputc('"', fp);
    for (size_t i = 0; len == (size_t)-1 ? s[i] != 0 : i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            fprintf(fp, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", fp);
        else if (c == '\t')
            fputs("\\t", fp);
        else if (c < 0x20 || c == 0x7f)
            fprintf(fp, "\\u%04x", c);
        else
            fputc(c, fp);
    }
    fputc('"', fp);
}

void hx_json_string(FILE *fp, const char *s)
{
    json_string(s, (size_t)-1, fp);
}

static void emit_json(const struct hx_diag *e, size_t times, FILE *fp)
{
    fputs("{\"file\": ", fp);
    json_string(e->file, (size_t)-1, fp);
    fprintf(fp, ", \"line\": %u, \"severity\": \"%s\", \"stage\": ", e->line, sev_names[e->sev]);
    json_string(e->stage, (size_t)-1, fp);
    fputs(", \"key\": ", fp);
    json_string(e->key, (size_t)-1, fp);
    fputs(", \"message\": ", fp);
    json_string(e->msg, (size_t)-1, fp);
    if (times > 1)
        fprintf(fp, ", \"repeated\": %zu", times);
    if (e->detail) {
        fputs(", \"detail\": {", fp);
        for (const char *p = e->detail; *p;) {
            const char *tab = strchr(p, '\t'), *nl = tab ? strchr(tab, '\n') : NULL;
            if (!nl)
                break;
            fputs(p == e->detail ? "" : ", ", fp);
            json_string(p, (size_t)(tab - p), fp);
            fputs(": ", fp);
            json_string(tab + 1, (size_t)(nl - tab - 1), fp);
            p = nl + 1;
        }
        fputc('}', fp);
    }
    fputs(times ? "}\n" : "}", fp);
}

void hx_diag_json(const struct hx_diag *e, FILE *fp)
{
    emit_json(e, 0, fp);
}

void hx_diags_print_json(struct hx_diags *d, FILE *fp, enum hx_severity min)
{
    diags_each(d, fp, min, emit_json);
}

void hx_diags_free(struct hx_diags *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->v[i].file);
        free(d->v[i].stage);
        free(d->v[i].key);
        free(d->v[i].msg);
        free(d->v[i].detail);
    }
    free(d->v);
    memset(d, 0, sizeof *d);
}

/* Position and key of a node: its own, else the nearest ancestor's; *where
 * is the part the position is counted in (of the node that gave it). */
static void node_place(const struct hx_node *n, unsigned *line, const char **key,
                       const char **where)
{
    *line = 0;
    *key = NULL;
    *where = NULL;
    for (; n; n = n->parent) {
        if (!*line && n->pos.line) {
            *line = n->pos.line;
            *where = n->pos.where;
        }
        if (!*key && n->key && *n->key)
            *key = n->key;
        if (*line && *key)
            break;
    }
}

__attribute__((format(printf, 6, 0))) static void
stage_vadd(struct hx_stage *st, enum hx_severity sev, const struct hx_doc *doc,
           const struct hx_node *n, unsigned line, const char *fmt, va_list ap)
{
    const char *key = NULL, *where = NULL, *main_part;
    if (n)
        node_place(n, &line, &key, &where);
    /* A package reader names its main part on the root (DOCX:
     * "word/document.xml"); a position counted in another part (its
     * footnotes) would be ambiguous without the part's name, so the
     * message opens with it. */
    main_part = doc && doc->root ? doc->root->pos.where : NULL;
    if (where && main_part && strcmp(where, main_part) != 0) {
        struct hx_buf b = {0};
        hx_buf_vaddf(&b, fmt, ap);
        hx_diags_add(st->diags, sev, doc->path, line, st->f ? st->f->name : NULL, key, "%s: %s",
                     where, b.data);
        hx_buf_free(&b);
        return;
    }
    hx_diags_vadd(st->diags, sev, doc ? doc->path : NULL, line, st->f ? st->f->name : NULL, key,
                  fmt, ap);
}

#define STAGE_DIAG(name, sev)                                                                      \
    void name(struct hx_stage *st, const struct hx_doc *doc, const struct hx_node *n,              \
              const char *fmt, ...)                                                                \
    {                                                                                              \
        va_list ap;                                                                                \
        va_start(ap, fmt);                                                                         \
        stage_vadd(st, sev, doc, n, 0, fmt, ap);                                                   \
        va_end(ap);                                                                                \
    }
STAGE_DIAG(hx_note, HX_SEV_NOTE)
STAGE_DIAG(hx_warn, HX_SEV_WARNING)
STAGE_DIAG(hx_error, HX_SEV_ERROR)

void hx_error_at(struct hx_stage *st, const struct hx_doc *doc, unsigned line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    stage_vadd(st, HX_SEV_ERROR, doc, NULL, line, fmt, ap);
    va_end(ap);
}

void hx_warn_at(struct hx_stage *st, const struct hx_doc *doc, unsigned line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    stage_vadd(st, HX_SEV_WARNING, doc, NULL, line, fmt, ap);
    va_end(ap);
}

void hx_detail(struct hx_stage *st, const char *name, const char *value)
{
    hx_diags_detail(st->diags, name, value);
}

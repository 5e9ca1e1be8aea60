/* Stages as data: a reader, filter or writer is one const struct hx_filter
 * in one file of filters/, listed in filters/registry.c. The chain checks
 * names, options and needs/gives before any file is opened. */
#ifndef HX_FILTER_H
#define HX_FILTER_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"
#include "doc.h"

enum hx_kind { HX_READER, HX_FILTER, HX_WRITER };

/* What the documents have after a stage: a stage's needs must all be given
 * by the stages before it. */
enum {
    HX_HAS_TREE = 1u << 0,      /* a reader ran */
    HX_HAS_STRUCTURE = 1u << 1, /* roles, labels and paragraph keys */
    HX_HAS_NOTES = 1u << 2,     /* markers paired with bodies as HX_NOTE */
    HX_HAS_JOINED = 1u << 3,    /* page-break splits repaired */
    HX_HAS_NORM = 1u << 4,      /* Chinese text normalised */
    HX_HAS_ALIGN = 1u << 5      /* set->align filled */
};

enum hx_opt_type { HX_OPT_BOOL, HX_OPT_INT, HX_OPT_STR, HX_OPT_ENUM };

/* One option of a stage: parsed from "key=value" into the stage's private
 * struct at offset before the stage opens. BOOL is an int (0/1; "key" alone
 * means 1), INT an int within [min, max], STR a const char *, ENUM an int
 * index into choices (a NULL-terminated list). */
struct hx_opt {
    const char *key;
    enum hx_opt_type type;
    size_t offset;
    const char *def; /* default as text, NULL = zero */
    const char *help;
    const char *const *choices;
    int min, max;
};

struct hx_stage;

/* Where a writer writes: fp is open on a temporary file at path that the
 * runner renames into place only if the writer returns 0 (and removes
 * otherwise). A writer that needs a path (libzip) may fclose(fp), set it to
 * NULL and write to path itself. name is the final name, for messages. */
struct hx_output {
    FILE *fp;
    const char *path;
    const char *name;
    /* The runner's own (output.c): the stream written through (standard
     * output, a device, a pipe) or -1, and what the replaced file had. */
    int stream, close_stream, replace;
    unsigned mode, uid, gid;
    unsigned long links;
    char *real; /* the file a symbolic link target names, or NULL */
};

struct hx_filter {
    const char *name; /* as written in a chain: "zh-norm" */
    enum hx_kind kind;
    const char *summary; /* one line for `hexaglot stages` */
    /* readers: extensions it claims ("docx dotx"); writers: further
     * extensions that choose it from -o NAME.EXT ("akn" beside ext). */
    const char *exts;
    const char *ext;     /* writers: extension of the output file ("akn.xml") */
    const char *content; /* readers: what sniff recognises, for `stages` */
    /* readers: how sure (0..100) that head (the first bytes of the file,
     * len of them) is this format; the best score picks the reader. */
    int (*sniff)(const unsigned char *head, size_t len);
    unsigned needs, gives;     /* HX_HAS_* */
    size_t priv_size;          /* private state, zeroed then filled with options */
    const struct hx_opt *opts; /* ends with { 0 } (NULL = none) */
    /* All callbacks return 0, or -1 after adding an error diagnostic. */
    int (*open)(struct hx_stage *st);                     /* once per chain; optional */
    int (*read)(struct hx_stage *st, struct hx_doc *doc); /* readers */
    int (*doc)(struct hx_stage *st, struct hx_doc *doc);  /* per document */
    int (*set)(struct hx_stage *st, struct hx_set *set);  /* once per set */
    int (*write)(struct hx_stage *st, struct hx_doc *doc,
                 struct hx_output *out); /* per-document writers */
    int (*write_set)(struct hx_stage *st, struct hx_set *set,
                     struct hx_output *out); /* set writers (reports) */
    void (*close)(struct hx_stage *st);      /* always called if open ran */
};

/* A stage in a built chain. */
struct hx_stage {
    const struct hx_filter *f;
    void *priv;
    struct hx_diags *diags;
};

/* Every stage, NULL-terminated (filters/registry.c). */
extern const struct hx_filter *const hx_registry[];

/* The filters every standard chain runs between reader and writer, as chain
 * text ("structure | notes | …"; may be empty) (filters/registry.c). */
extern const char hx_standard_filters[];

/* Adds a diagnostic about doc (NULL = none) at node n (NULL = whole
 * document) from stage st: position and key come from n or its nearest
 * ancestor that has them. */
void hx_note(struct hx_stage *st, const struct hx_doc *doc, const struct hx_node *n,
             const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void hx_warn(struct hx_stage *st, const struct hx_doc *doc, const struct hx_node *n,
             const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void hx_error(struct hx_stage *st, const struct hx_doc *doc, const struct hx_node *n,
              const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Like hx_error, for a place that is not a node (a reader at line 57). */
void hx_error_at(struct hx_stage *st, const struct hx_doc *doc, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void hx_warn_at(struct hx_stage *st, const struct hx_doc *doc, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Attaches a named value to the diagnostic st added last (the versions and
 * values an align disagreement is about), for --diagnostics json. */
void hx_detail(struct hx_stage *st, const char *name, const char *value);

/* A writer's last word: 0 when everything written to out went through,
 * else -1 after an error diagnostic "cannot write NAME". */
int hx_output_check(struct hx_stage *st, const struct hx_output *out);

#endif

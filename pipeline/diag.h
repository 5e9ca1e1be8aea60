/* Diagnostics: stages never print or exit; they add entries to one list
 * owned by the run, which the CLI prints sorted as
 *     file:line: severity: stage: [key: ]message
 * and turns into the exit status. */
#ifndef HX_DIAG_H
#define HX_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

enum hx_severity { HX_SEV_NOTE, HX_SEV_WARNING, HX_SEV_ERROR };

struct hx_diag {
    enum hx_severity sev;
    char *file;    /* NULL = no file (a usage-level problem) */
    unsigned line; /* 0 = whole file */
    char *stage;
    char *key; /* paragraph key or NULL */
    char *msg;
    char *detail; /* "name\tvalue\n"... (hx_diags_detail), or NULL */
    unsigned seq; /* insertion order, the last sort key */
};

/* The list; entries are heap copies owned by it. */
struct hx_diags {
    struct hx_diag *v;
    size_t n, cap;
    size_t errors, warnings;
};

/* Adds a diagnostic; every string is copied. */
void hx_diags_add(struct hx_diags *d, enum hx_severity sev, const char *file, unsigned line,
                  const char *stage, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

/* va_list form of hx_diags_add. */
void hx_diags_vadd(struct hx_diags *d, enum hx_severity sev, const char *file, unsigned line,
                   const char *stage, const char *key, const char *fmt, va_list ap)
    __attribute__((format(printf, 7, 0)));

/* Sorts by file, line, then order of arrival, and prints each entry of at
 * least severity min once; identical consecutive messages fold into
 * "(repeated N times)". */
void hx_diags_print(struct hx_diags *d, FILE *fp, enum hx_severity min);

/* Attaches name=value to the entry added last (no-op on an empty list). */
void hx_diags_detail(struct hx_diags *d, const char *name, const char *value);

/* Like hx_diags_print, one JSON object a line: {"file", "line", "severity",
 * "stage", "key", "message", "repeated"?, "detail"?: {name: value}}; keys
 * whose value is unknown are null. */
void hx_diags_print_json(struct hx_diags *d, FILE *fp, enum hx_severity min);

/* s as a JSON string (RFC 8259 escapes), or null when s is NULL. */
void hx_json_string(FILE *fp, const char *s);

/* One diagnostic as a JSON object (the members --diagnostics json prints),
 * without a newline. */
void hx_diag_json(const struct hx_diag *e, FILE *fp);

/* Releases every entry; the list may be reused. */
void hx_diags_free(struct hx_diags *d);

#endif

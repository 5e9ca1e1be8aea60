/* `batch --merge-logs`: the JSON-lines logs of a batch's shards as one
 * log and one summary; see batch_log.h. The lines are the ones
 * hx_batch_log_doc writes, so the scanner below reads only what that
 * function writes: an object whose first members are "input", "outputs",
 * "status" and "seconds". */
#include "arena.h"
#include "batch_log.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct rec {
    char *line;  /* the whole line, newline included */
    char *input; /* decoded */
    char status[16];
    double seconds;
};

/* The JSON string starting at p (at its opening quote), decoded into a
 * malloc'd string (escapes \" \\ \/ \n \t \r \b \f kept as their
 * characters; \uXXXX of the control characters only, as written). */
static char *json_str(const char *p, const char **end)
{
    if (*p != '"')
        return NULL;
    char *out = malloc(strlen(p) + 1), *o = out;
    if (!out)
        hx_oom();
    for (p++; *p && *p != '"'; p++) {
        if (*p != '\\') {
            *o++ = *p;
            continue;
        }
        p++;
        switch (*p) {
        case 'n': *o++ = '\n'; break;
        case 't': *o++ = '\t'; break;
        case 'r': *o++ = '\r'; break;
        case 'b': *o++ = '\b'; break;
        case 'f': *o++ = '\f'; break;
        case 'u':
            *o++ = (char)strtol((char[]){p[1], p[2], p[3], p[4], 0}, NULL, 16);
            p += 4;
            break;
        case 0: p--; break;
        default: *o++ = *p;
        }
    }
    *o = 0;
    if (end)
        *end = *p ? p + 1 : p;
    return out;
}

/* The value after "key": in line (the first occurrence at the top level
 * of the lines hx_batch_log_doc writes). */
static const char *member(const char *line, const char *key)
{
    char pat[32];
    snprintf(pat, sizeof pat, "\"%s\": ", key);
    const char *p = strstr(line, pat);
    return p ? p + strlen(pat) : NULL;
}

static int cmp_recs(const void *a, const void *b)
{
    return strcmp(((const struct rec *)a)->input, ((const struct rec *)b)->input);
}

int hx_batch_logs_merge(char *const *logs, size_t n, const char *out, FILE *fp)
{
    struct rec *v = NULL;
    size_t nv = 0, cap = 0;
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        FILE *in = fopen(logs[i], "r");
        if (!in) {
            fprintf(stderr, "%s:0: error: batch: cannot read the log: %s\n", logs[i],
                    strerror(errno));
            rc = -1;
            continue;
        }
        char *line = NULL;
        size_t lcap = 0;
        ssize_t len;
        unsigned lineno = 0;
        while ((len = getline(&line, &lcap, in)) > 0) {
            lineno++;
            const char *pi = member(line, "input"), *ps = member(line, "status");
            const char *pt = member(line, "seconds");
            char *input = pi ? json_str(pi, NULL) : NULL;
            char *status = ps ? json_str(ps, NULL) : NULL;
            if (!input || !status || !pt || line[len - 1] != '\n') {
                fprintf(stderr, "%s:%u: error: batch: not a line of a batch log\n", logs[i],
                        lineno);
                free(input);
                free(status);
                rc = -1;
                continue;
            }
            if (nv == cap && !(v = realloc(v, (cap = cap * 2 + 256) * sizeof *v)))
                hx_oom();
            v[nv] = (struct rec){strdup(line), input, "", strtod(pt, NULL)};
            snprintf(v[nv].status, sizeof v[nv].status, "%s", status);
            free(status);
            nv++;
        }
        free(line);
        fclose(in);
    }
    if (nv)
        qsort(v, nv, sizeof *v, cmp_recs);
    if (out) {
        FILE *o = fopen(out, "w");
        for (size_t i = 0; o && i < nv; i++)
            fputs(v[i].line, o);
        if (!o || fclose(o) != 0) {
            fprintf(stderr, "%s:0: error: batch: cannot write the merged log\n", out);
            rc = -1;
        }
    }
    static const char *const names[] = {"converted", "failed", "timeout", "crashed", "skipped"};
    size_t count[5] = {0}, other = 0, dup = 0;
    double total = 0;
    for (size_t i = 0; i < nv; i++) {
        size_t k = 0;
        while (k < 5 && strcmp(v[i].status, names[k]) != 0)
            k++;
        if (k < 5)
            count[k]++;
        else
            other++;
        total += v[i].seconds;
        dup += i && !strcmp(v[i].input, v[i - 1].input);
    }
    fprintf(fp,
            "batch: %zu logs, %zu documents: %zu converted, %zu failed (%zu timed out, "
            "%zu crashed), %zu up to date; %.2f s of conversion",
            n, nv, count[0], count[1] + count[2] + count[3] + other, count[2], count[3], count[4],
            total);
    if (dup)
        fprintf(fp, "; %zu documents in more than one log", dup);
    fputc('\n', fp);
    for (size_t i = 0; i < nv; i++) {
        free(v[i].line);
        free(v[i].input);
    }
    free(v);
    return rc;
}

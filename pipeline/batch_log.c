/* Progress, per-document lines, the JSON-lines log, the summary and the
 * --resume state of a batch; see batch_log.h. */
#include "batch_log.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"

static const char *const status_names[] = {"converted", "failed", "timeout", "crashed", "skipped"};

/* The slowest documents the summary names. */
enum { SLOWEST = 5 };

struct slow {
    char *input;
    double seconds;
};

struct hx_batch_log {
    size_t total, done, count[5], warned;
    const char *fmt;
    int progress, verbose, drawn;
    FILE *log;
    double start, last_draw;
    struct slow slowest[SLOWEST];
};

double hx_batch_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct hx_batch_log *hx_batch_log_open(size_t total, const char *fmt, int progress, int verbose,
                                       const char *log_path, struct hx_diags *diags)
{
    struct hx_batch_log *l = calloc(1, sizeof *l);
    if (!l)
        hx_oom();
    l->total = total;
    l->fmt = fmt;
    l->progress = progress;
    l->verbose = verbose;
    l->start = l->last_draw = hx_batch_now();
    if (log_path && !(l->log = fopen(log_path, "w"))) {
        hx_diags_add(diags, HX_SEV_ERROR, log_path, 0, "batch", NULL, "cannot write the log: %s",
                     strerror(errno));
        free(l);
        return NULL;
    }
    return l;
}

static void draw(struct hx_batch_log *l)
{
    double t = hx_batch_now() - l->start, rate = t > 0 ? (double)l->done / t : 0;
    size_t failed = l->count[HX_DOC_FAILED] + l->count[HX_DOC_TIMEOUT] + l->count[HX_DOC_CRASHED];
    fprintf(stderr, "\r\033[K[%zu/%zu] %.1f documents/s", l->done, l->total, rate);
    if (rate > 0 && l->done < l->total)
        fprintf(stderr, ", ETA %.0f s", (double)(l->total - l->done) / rate);
    if (failed)
        fprintf(stderr, ", %zu failed", failed);
    fflush(stderr);
    l->drawn = 1;
    l->last_draw = hx_batch_now();
}

void hx_batch_log_tick(struct hx_batch_log *l)
{
    if (l && l->progress && hx_batch_now() - l->last_draw >= 0.1)
        draw(l);
}

static void keep_slowest(struct hx_batch_log *l, const char *input, double seconds)
{
    int k = SLOWEST - 1;
    if (l->slowest[k].input && l->slowest[k].seconds >= seconds)
        return;
    free(l->slowest[k].input);
    for (; k > 0 && (!l->slowest[k - 1].input || l->slowest[k - 1].seconds < seconds); k--)
        l->slowest[k] = l->slowest[k - 1];
    l->slowest[k] = (struct slow){strdup(input), seconds};
}

void hx_batch_log_doc(struct hx_batch_log *l, const char *input, const char *output,
                      enum hx_doc_status st, double seconds, const struct hx_diags *d)
{
    l->done++;
    l->count[st]++;
    size_t warnings = d ? d->warnings : 0;
    l->warned += warnings > 0;
    if (st != HX_DOC_SKIPPED)
        keep_slowest(l, input, seconds);
    if (l->log) {
        fputs("{\"input\": ", l->log);
        hx_json_string(l->log, input);
        fputs(", \"outputs\": [", l->log);
        if (st == HX_DOC_CONVERTED || st == HX_DOC_SKIPPED)
            hx_json_string(l->log, output);
        fprintf(l->log, "], \"status\": \"%s\", \"seconds\": %.4f, \"diagnostics\": [",
                status_names[st], seconds);
        for (size_t i = 0; d && i < d->n; i++) {
            fputs(i ? ", " : "", l->log);
            hx_diag_json(&d->v[i], l->log);
        }
        fputs("]}\n", l->log);
        fflush(l->log);
    }
    if (l->verbose) {
        if (l->drawn)
            fputs("\r\033[K", stderr);
        fprintf(stderr, "batch: %s: %s in %.3f s", input, status_names[st], seconds);
        if (warnings)
            fprintf(stderr, " (%zu warning%s)", warnings, warnings > 1 ? "s" : "");
        fputc('\n', stderr);
        l->drawn = 0;
    }
    if (l->progress && (hx_batch_now() - l->last_draw >= 0.1 || l->done == l->total))
        draw(l);
}

void hx_batch_log_close(struct hx_batch_log *l, int summary, int interrupted)
{
    if (!l)
        return;
    if (l->drawn)
        fputs("\r\033[K", stderr);
    if (summary || interrupted) {
        double t = hx_batch_now() - l->start;
        size_t failed =
            l->count[HX_DOC_FAILED] + l->count[HX_DOC_TIMEOUT] + l->count[HX_DOC_CRASHED];
        fprintf(stderr,
                "batch: %s%zu of %zu documents (%s): %zu converted, %zu failed "
                "(%zu timed out, %zu crashed), %zu with warnings, %zu up to date; "
                "%.2f s, %.1f documents/s\n",
                interrupted ? "interrupted after " : "", l->done, l->total, l->fmt,
                l->count[HX_DOC_CONVERTED], failed, l->count[HX_DOC_TIMEOUT],
                l->count[HX_DOC_CRASHED], l->warned, l->count[HX_DOC_SKIPPED], t,
                t > 0 ? (double)(l->done - l->count[HX_DOC_SKIPPED]) / t : 0);
        if (l->slowest[0].input) {
            fputs("batch: slowest:", stderr);
            for (int k = 0; k < SLOWEST && l->slowest[k].input; k++)
                fprintf(stderr, "%s %s %.3f s", k ? "," : "", l->slowest[k].input,
                        l->slowest[k].seconds);
            fputc('\n', stderr);
        }
    }
    for (int k = 0; k < SLOWEST; k++)
        free(l->slowest[k].input);
    if (l->log)
        fclose(l->log);
    free(l);
}

/* ---- --resume ---------------------------------------------------------- */

/* One line of the state file: target, input, input size, input mtime in
 * nanoseconds, recipe hash; tab-separated. Later lines win. */
struct entry {
    char *target, *input;
    long long size, mtime;
    uint64_t recipe;
    unsigned long long ino; /* the output file made; 0 = not known */
};

struct hx_batch_state {
    struct hx_arena *a;
    char *path;
    uint64_t recipe;
    struct entry *v; /* open addressing by target */
    size_t slots, used;
    int fd;
};

static uint64_t fnv(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static struct entry *slot_of(struct hx_batch_state *s, const char *target)
{
    size_t k = (size_t)(fnv(target) & (s->slots - 1));
    while (s->v[k].target && strcmp(s->v[k].target, target) != 0)
        k = (k + 1) & (s->slots - 1);
    return &s->v[k];
}

static void put(struct hx_batch_state *s, struct entry e)
{
    if ((s->used + 1) * 2 > s->slots) {
        struct entry *old = s->v;
        size_t n = s->slots;
        s->slots = n ? n * 2 : 1024;
        s->v = hx_alloc(s->a, s->slots * sizeof *s->v);
        for (size_t i = 0; i < n; i++)
            if (old[i].target)
                *slot_of(s, old[i].target) = old[i];
    }
    struct entry *p = slot_of(s, e.target);
    s->used += p->target == NULL;
    *p = e;
}

static long long mtime_ns(const struct stat *sb)
{
    return (long long)sb->st_mtim.tv_sec * 1000000000ll + sb->st_mtim.tv_nsec;
}

struct hx_batch_state *hx_batch_state_open(const char *outdir, const char *recipe)
{
    struct hx_batch_state *s = calloc(1, sizeof *s);
    if (!s)
        hx_oom();
    s->a = hx_arena_new();
    s->path = hx_printf(s->a, "%s/.hexaglot-batch.state", outdir);
    s->recipe = fnv(recipe);
    s->fd = -1;
    FILE *fp = fopen(s->path, "r");
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while (fp && (len = getline(&line, &cap, fp)) > 0) {
        char *f[6], *p = line;
        int n = 0;
        if (line[len - 1] != '\n')
            continue; /* a line cut short by a kill is ignored */
        line[len - 1] = 0;
        for (; n < 6 && p; n++) {
            f[n] = p;
            p = strchr(p, '\t');
            if (p)
                *p++ = 0;
        }
        if ((n == 5 || n == 6) && !p) /* five fields: an older run's, no inode */
            put(s, (struct entry){hx_strdup(s->a, f[0]), hx_strdup(s->a, f[1]),
                                  strtoll(f[2], NULL, 10), strtoll(f[3], NULL, 10),
                                  strtoull(f[4], NULL, 16), n == 6 ? strtoull(f[5], NULL, 10) : 0});
    }
    free(line);
    if (fp)
        fclose(fp);
    return s;
}

int hx_batch_state_fresh(struct hx_batch_state *s, const char *input, const char *target)
{
    struct stat in, out;
    if (!s || !s->slots || stat(input, &in) != 0 || stat(target, &out) != 0)
        return 0;
    const struct entry *e = slot_of(s, target);
    return e->target && !strcmp(e->input, input) && e->size == (long long)in.st_size &&
           e->mtime == mtime_ns(&in) && e->recipe == s->recipe && mtime_ns(&out) >= mtime_ns(&in) &&
           (!e->ino || e->ino == (unsigned long long)out.st_ino);
}

void hx_batch_state_record(struct hx_batch_state *s, const char *input, const char *target,
                           const char *made)
{
    struct stat in, out;
    if (!s || stat(input, &in) != 0 || lstat(made, &out) != 0 || strchr(input, '\t') ||
        strchr(input, '\n') || strchr(target, '\t') || strchr(target, '\n'))
        return;
    if (s->fd < 0)
        s->fd = open(s->path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (s->fd < 0)
        return;
    char *line =
        hx_printf(s->a, "%s\t%s\t%lld\t%lld\t%016llx\t%llu\n", target, input, (long long)in.st_size,
                  mtime_ns(&in), (unsigned long long)s->recipe, (unsigned long long)out.st_ino);
    /* one write of one line: shards appending to one file do not interleave */
    ssize_t w = write(s->fd, line, strlen(line));
    (void)w;
}

void hx_batch_state_close(struct hx_batch_state *s)
{
    if (!s)
        return;
    if (s->fd >= 0)
        close(s->fd);
    hx_arena_free(s->a);
    free(s);
}

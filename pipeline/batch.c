/* A pool of worker processes, each converting many documents; see
 * batch.h. */
#include "batch.h"
#include "batch_land.h"
#include "batch_log.h"
#include "output.h"
#include "text.h"

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static void put_field(const char *s, FILE *fp)
{
    for (; s && *s; s++) {
        if (*s == '\\')
            fputs("\\\\", fp);
        else if (*s == '\t')
            fputs("\\t", fp);
        else if (*s == '\n')
            fputs("\\n", fp);
        else
            fputc(*s, fp);
    }
}

void hx_diag_encode(const struct hx_diag *e, FILE *fp)
{
    fprintf(fp, "%d\t%u\t", (int)e->sev, e->line);
    put_field(e->file, fp);
    fputc('\t', fp);
    put_field(e->stage, fp);
    fputc('\t', fp);
    put_field(e->key, fp);
    fputc('\t', fp);
    put_field(e->msg, fp);
    if (e->detail) {
        fputc('\t', fp);
        put_field(e->detail, fp);
    }
    fputc('\n', fp);
}

/* Splits off the next tab-separated field of *p, unescaping it in place. */
static char *take_field(char **p)
{
    char *start = *p, *out = *p, *in = *p;
    if (!start)
        return NULL;
    for (; *in && *in != '\t'; in++) {
        if (*in == '\\' && in[1]) {
            in++;
            *out++ = *in == 't' ? '\t' : *in == 'n' ? '\n' : *in;
        } else {
            *out++ = *in;
        }
    }
    *p = *in == '\t' ? in + 1 : NULL;
    *out = 0;
    return start;
}

int hx_diag_decode(struct hx_diags *d, char *line)
{
    char *p = line;
    char *sev = take_field(&p), *ln = take_field(&p), *file = take_field(&p);
    char *stage = take_field(&p), *key = take_field(&p), *msg = take_field(&p);
    char *detail = take_field(&p); /* optional */
    if (!msg || p || strlen(sev) != 1 || sev[0] < '0' || sev[0] > '2')
        return -1;
    hx_diags_add(d, (enum hx_severity)(sev[0] - '0'), *file ? file : NULL,
                 (unsigned)strtoul(ln, NULL, 10), stage, *key ? key : NULL, "%s", msg);
    /* name\tvalue\n pairs, their tabs and newlines unescaped above */
    for (char *q = detail; q && *q;) {
        char *tab = strchr(q, '\t'), *nl = tab ? strchr(tab, '\n') : NULL;
        if (!nl)
            break;
        *tab = *nl = 0;
        hx_diags_detail(d, q, tab + 1);
        q = nl + 1;
    }
    return 0;
}

/* A worker killed mid-write leaves its temporary output behind; exactly
 * the name it writes target under (".<name>.<pid>.hxtmp", output.h) is
 * removed, nothing else. */
static void remove_partial(const char *target, pid_t pid)
{
    char *tmp = hx_output_temp_name(target, (long)pid);
    unlink(tmp);
    free(tmp);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Temporaries of this batch's targets that an earlier run left when it
 * was killed: in each output directory, the names of the form above whose
 * target is one of the plan's. Only those go. */
static void sweep_stale(const struct hx_batch_plan *plan)
{
    if (!plan->n)
        return;
    const char **targets = hx_xmalloc(plan->n * sizeof *targets);
    char **dirs = hx_xmalloc(plan->n * sizeof *dirs);
    size_t ndirs = 0;
    for (size_t i = 0; i < plan->n; i++) {
        targets[i] = plan->v[i].target;
        const char *slash = strrchr(targets[i], '/');
        size_t len = slash ? (size_t)(slash - targets[i]) : 0;
        char *dir = hx_xmalloc(len + 2);
        if (slash)
            memcpy(dir, targets[i], len), dir[len] = 0;
        else
            strcpy(dir, ".");
        size_t k = 0;
        while (k < ndirs && strcmp(dirs[k], dir) != 0)
            k++;
        if (k < ndirs)
            free(dir);
        else
            dirs[ndirs++] = dir;
    }
    qsort(targets, plan->n, sizeof *targets, cmp_str);
    for (size_t k = 0; k < ndirs; k++) {
        DIR *dp = opendir(dirs[k]);
        struct dirent *de;
        while (dp && (de = readdir(dp)) != NULL) {
            const char *name = de->d_name, *end = name + strlen(name);
            if (name[0] != '.' || end - name < 9 || strcmp(end - 6, ".hxtmp") != 0)
                continue;
            const char *dot = end - 6;
            while (dot > name + 1 && dot[-1] >= '0' && dot[-1] <= '9')
                dot--;
            if (dot == end - 6 || dot <= name + 2 || dot[-1] != '.')
                continue;
            struct hx_buf full = {0};
            hx_buf_addf(&full, "%s/%.*s", dirs[k], (int)(dot - 1 - (name + 1)), name + 1);
            const char *key = strcmp(dirs[k], ".") ? full.data : full.data + 2;
            if (bsearch(&key, targets, plan->n, sizeof *targets, cmp_str)) {
                hx_buf_reset(&full);
                hx_buf_addf(&full, "%s/%s", dirs[k], name);
                unlink(full.data);
            }
            hx_buf_free(&full);
        }
        if (dp)
            closedir(dp);
        free(dirs[k]);
    }
    free(dirs);
    free(targets);
}

/* A worker: a process forked once that converts the documents the parent
 * sends it (their index in the plan, a line each on cmd) and answers each
 * with the document's diagnostics, encoded, then a line "\1STATUS". Its
 * memory goes with each document's arena; a worker that crashes or runs
 * past --timeout (SIGALRM) costs only the document it had, and the parent
 * forks another. */
struct worker {
    pid_t pid;
    int cmd, res; /* parent's ends: write indices, read answers */
    long doc;     /* the document it has, -1 = idle */
    double start; /* when it got it */
    char *buf;    /* answer bytes not yet split into lines */
    size_t len, cap;
    struct hx_diags d;     /* the document's diagnostics so far */
    char **otmp, **ofinal; /* its outputs closed, not landed yet */
    size_t nout, capout;
};

static volatile sig_atomic_t interrupted;

static void on_interrupt(int sig)
{
    (void)sig;
    interrupted++;
}

/* Reads one line (an index) from fd; -1 at end of file. */
static long read_index(int fd)
{
    char line[32];
    size_t n = 0;
    for (;;) {
        ssize_t r = read(fd, line + n, 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        if (line[n] == '\n' || n + 1 == sizeof line)
            break;
        n++;
    }
    line[n] = 0;
    return strtol(line, NULL, 10);
}

#ifdef HX_COVERAGE
/* The coverage runtime (gcc's and clang's) writes its counters from an exit
 * hook, which _exit skips; without this a coverage report would miss all
 * that the workers ran. */
void __gcov_dump(void);
#define coverage_flush() __gcov_dump()
#else
#define coverage_flush() ((void)0)
#endif

/* A worker leaves by _exit (the parent's buffers and exit hooks are not
 * its own), writing its coverage counters first in coverage builds. */
static void worker_exit(int status)
{
    coverage_flush();
    _exit(status);
}

/* An output closed under its temporary name: told to the parent, which
 * lands it with others (batch_land.h). */
static void worker_output(void *ud, char *tmp, char *final)
{
    FILE *out = ud;
    fputc('\2', out);
    put_field(tmp, out);
    fputc('\t', out);
    put_field(final, out);
    fputc('\n', out);
    free(tmp);
    free(final);
}

static void worker_main(struct hx_chain *c, const struct hx_batch_plan *plan,
                        const struct hx_batch_opts *o, int cmd, int res)
{
    /* The parent decides what an interrupt means: documents in flight are
     * finished. Killed by anything else (SIGTERM, --timeout's SIGALRM), a
     * worker first removes the temporary it was writing. */
    signal(SIGINT, SIG_IGN);
    hx_cleanup_reset();
    hx_cleanup_on(SIGTERM);
    hx_cleanup_on(SIGALRM);
    hx_cleanup_on(SIGPIPE);
    FILE *out = fdopen(res, "w");
    if (!out)
        worker_exit(2);
    hx_chain_defer(c, worker_output, out);
    long i;
    while ((i = read_index(cmd)) >= 0 && (size_t)i < plan->n) {
        struct hx_diags d = {0};
        const char *path = plan->v[i].path;
        if (o->timeout)
            alarm(o->timeout);
        struct hx_set *set = hx_set_new(&path, 1);
        if (o->lang)
            set->docs[0]->lang = hx_strdup(set->docs[0]->arena, o->lang);
        int rc = hx_chain_run(c, set, plan->v[i].target, &d);
        hx_set_free(set);
        alarm(0);
        for (size_t k = 0; k < d.n; k++)
            hx_diag_encode(&d.v[k], out);
        fprintf(out, "\1%d\n", rc < 0 || d.errors ? 1 : 0);
        hx_diags_free(&d);
        if (fflush(out) != 0)
            worker_exit(2);
    }
    worker_exit(0);
}

/* Forks worker w; -1 (with errno) when it cannot. */
static int worker_start(struct worker *ws, int nw, int k, struct hx_chain *c,
                        const struct hx_batch_plan *plan, const struct hx_batch_opts *o)
{
    int cmd[2], res[2];
    if (pipe(cmd) != 0)
        return -1;
    if (pipe(res) != 0) {
        close(cmd[0]);
        close(cmd[1]);
        return -1;
    }
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid == 0) {
        /* Other workers' pipes: holding them would keep those workers from
         * seeing the end of their input. */
        for (int j = 0; j < nw; j++)
            if (j != k && ws[j].pid > 0) {
                close(ws[j].cmd);
                close(ws[j].res);
            }
        close(cmd[1]);
        close(res[0]);
        worker_main(c, plan, o, cmd[0], res[1]);
    }
    close(cmd[0]);
    close(res[1]);
    if (pid < 0) {
        close(cmd[1]);
        close(res[0]);
        return -1;
    }
    ws[k].pid = pid;
    hx_cleanup_kid_add(pid);
    ws[k].cmd = cmd[1];
    ws[k].res = res[0];
    ws[k].doc = -1;
    ws[k].len = 0;
    return 0;
}

/* Moves every entry of from into to (details included) and empties from. */
static void diags_move(struct hx_diags *to, struct hx_diags *from)
{
    for (size_t i = 0; i < from->n; i++) {
        const struct hx_diag *e = &from->v[i];
        hx_diags_add(to, e->sev, e->file, e->line, e->stage, e->key, "%s", e->msg);
        for (const char *p = e->detail; p && *p;) {
            const char *tab = strchr(p, '\t'), *nl = tab ? strchr(tab, '\n') : NULL;
            if (!nl)
                break;
            char *name = strndup(p, (size_t)(tab - p)),
                 *value = strndup(tab + 1, (size_t)(nl - tab - 1));
            if (!name || !value)
                hx_oom();
            hx_diags_detail(to, name, value);
            free(name);
            free(value);
            p = nl + 1;
        }
    }
    hx_diags_free(from);
}

struct run {
    struct hx_chain *c;
    const struct hx_batch_plan *plan;
    const struct hx_batch_opts *o;
    struct hx_diags *diags;
    struct hx_batch_log *log;
    struct hx_batch_state *state;
    size_t failed;
    struct pollfd *pf; /* pool_wait's, one per worker */
    int *idx;
    struct hx_land *land;
};

/* Document doc is over, its outputs (if any) in place: logged, recorded
 * for --resume, its diagnostics moved to the run's. */
static void doc_finish(void *ud, long doc, enum hx_doc_status st, double seconds,
                       struct hx_diags *d)
{
    struct run *r = ud;
    const struct hx_batch_item *it = &r->plan->v[doc];
    if (st != HX_DOC_CONVERTED)
        r->failed++;
    hx_batch_log_doc(r->log, it->path, it->target, st, seconds, d);
    diags_move(r->diags, d);
}

/* The document's output is about to be renamed into place: recorded for
 * --resume with the file it will be (batch_log.h). */
static void doc_landing(void *ud, long doc, enum hx_doc_status st, const char *tmp,
                        const char *final)
{
    struct run *r = ud;
    const struct hx_batch_item *it = &r->plan->v[doc];
    if (st == HX_DOC_CONVERTED && strcmp(final, it->target) == 0)
        hx_batch_state_record(r->state, it->path, it->target, tmp);
}

/* Document w->doc is over with status st: finished once its outputs have
 * landed; the worker idle again. */
static void doc_done(struct run *r, struct worker *w, enum hx_doc_status st)
{
    if (w->nout || st == HX_DOC_CONVERTED)
        hx_land_doc(r->land, w->doc, st, hx_batch_now() - w->start, &w->d, w->otmp, w->ofinal,
                    w->nout);
    else
        doc_finish(r, w->doc, st, hx_batch_now() - w->start, &w->d);
    w->nout = 0;
    w->doc = -1;
}

/* An output of the worker's document, closed, not landed: kept with it. */
static void doc_output(struct worker *w, char *line)
{
    char *p = line + 1, *tmp = take_field(&p), *final = take_field(&p);
    if (!tmp || !final || p)
        return;
    if (w->nout == w->capout) {
        w->capout = w->capout ? w->capout * 2 : 4;
        w->otmp = hx_xrealloc(w->otmp, w->capout * sizeof *w->otmp);
        w->ofinal = hx_xrealloc(w->ofinal, w->capout * sizeof *w->ofinal);
    }
    w->otmp[w->nout] = strdup(tmp);
    w->ofinal[w->nout] = strdup(final);
    if (!w->otmp[w->nout] || !w->ofinal[w->nout])
        hx_oom();
    w->nout++;
}

/* Splits the worker's answer into lines: diagnostics, then its end. */
static void worker_lines(struct run *r, struct worker *w)
{
    size_t from = 0;
    for (size_t i = 0; i < w->len; i++) {
        if (w->buf[i] != '\n')
            continue;
        w->buf[i] = 0;
        char *line = w->buf + from;
        if (line[0] == '\1' && w->doc >= 0)
            doc_done(r, w, line[1] == '0' ? HX_DOC_CONVERTED : HX_DOC_FAILED);
        else if (line[0] == '\2' && w->doc >= 0)
            doc_output(w, line);
        else if (w->doc >= 0)
            hx_diag_decode(&w->d, line);
        from = i + 1;
    }
    memmove(w->buf, w->buf + from, w->len - from);
    w->len -= from;
}

/* The worker's answer pipe ended: it is gone; so is its document. */
static void worker_lost(struct run *r, struct worker *w)
{
    int status = 0;
    pid_t pid = w->pid;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    hx_cleanup_kid_forget(pid);
    close(w->cmd);
    close(w->res);
    w->pid = 0;
    w->len = 0;
    if (w->doc < 0)
        return;
    const struct hx_batch_item *it = &r->plan->v[w->doc];
    remove_partial(it->target, pid);
    for (size_t i = 0; i < w->nout; i++) { /* "nothing written": not even a finished part */
        unlink(w->otmp[i]);
        free(w->otmp[i]);
        free(w->ofinal[i]);
    }
    w->nout = 0;
    enum hx_doc_status st = HX_DOC_FAILED;
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM) {
        st = HX_DOC_TIMEOUT;
        hx_diags_add(&w->d, HX_SEV_ERROR, it->path, 0, "batch", NULL,
                     "gave up after %u s (--timeout); nothing written", r->o->timeout);
    } else if (WIFSIGNALED(status)) {
        st = HX_DOC_CRASHED;
        hx_diags_add(&w->d, HX_SEV_ERROR, it->path, 0, "batch", NULL,
                     "internal error: the conversion crashed (%s); nothing written "
                     "(please report this file)",
                     strsignal(WTERMSIG(status)));
    } else {
        hx_diags_add(&w->d, HX_SEV_ERROR, it->path, 0, "batch", NULL,
                     "the converting process ended (status %d); nothing written",
                     WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    }
    doc_done(r, w, st);
}

/* Reads what every busy worker has said, waiting up to 100 ms. */
static void pool_wait(struct run *r, struct worker *ws, int nw)
{
    struct pollfd *pf = r->pf;
    int *idx = r->idx, m = 0;
    for (int k = 0; k < nw; k++)
        if (ws[k].pid > 0 && ws[k].doc >= 0) {
            pf[m] = (struct pollfd){ws[k].res, POLLIN, 0};
            idx[m++] = k;
        }
    if (!m || poll(pf, (nfds_t)m, 100) <= 0)
        return;
    for (int i = 0; i < m; i++) {
        struct worker *w = &ws[idx[i]];
        if (!(pf[i].revents & (POLLIN | POLLHUP | POLLERR)))
            continue;
        if (w->cap - w->len < 65536) {
            w->cap = w->cap * 2 + 65536;
            w->buf = hx_xrealloc(w->buf, w->cap);
        }
        ssize_t got = read(w->res, w->buf + w->len, w->cap - w->len);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            worker_lost(r, w);
            continue;
        }
        w->len += (size_t)got;
        worker_lines(r, w);
    }
}

int hx_batch_run(struct hx_chain *c, const struct hx_batch_plan *plan,
                 const struct hx_batch_opts *o, struct hx_diags *diags)
{
    int nw = o->jobs < 1 ? 1 : o->jobs;
    if ((size_t)nw > plan->n)
        nw = plan->n ? (int)plan->n : 1;
    struct run r = {c, plan, o, diags, NULL, NULL, 0, NULL, NULL, NULL};
    struct worker *ws = hx_xmalloc((size_t)nw * sizeof *ws);
    r.pf = hx_xmalloc((size_t)nw * sizeof *r.pf);
    r.idx = hx_xmalloc((size_t)nw * sizeof *r.idx);
    memset(ws, 0, (size_t)nw * sizeof *ws);
    for (int k = 0; k < nw; k++)
        ws[k].doc = -1;
    if (hx_chain_open(c, diags) < 0) {
        free(ws);
        free(r.pf);
        free(r.idx);
        return -1;
    }
    r.log = hx_batch_log_open(plan->n, o->fmt ? o->fmt : hx_chain_writer(c)->name, o->progress,
                              o->verbose, o->log, diags);
    if (!r.log) {
        free(ws);
        free(r.pf);
        free(r.idx);
        return -1;
    }
    r.state = hx_batch_state_open(o->outdir, o->recipe ? o->recipe : "");
    r.land = hx_land_new(doc_landing, doc_finish, &r);
    sweep_stale(plan);
    struct sigaction sa = {0}, old_int, old_term;
    sa.sa_handler = on_interrupt;
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    interrupted = 0;
    size_t next = 0;
    for (;;) {
        int busy = 0;
        for (int k = 0; k < nw; k++) {
            struct worker *w = &ws[k];
            while (w->doc < 0 && next < plan->n && !interrupted) {
                const struct hx_batch_item *it = &plan->v[next];
                if (o->resume && hx_batch_state_fresh(r.state, it->path, it->target)) {
                    hx_batch_log_doc(r.log, it->path, it->target, HX_DOC_SKIPPED, 0, NULL);
                    next++;
                    continue;
                }
                if (w->pid <= 0 && worker_start(ws, nw, k, c, plan, o) < 0) {
                    hx_diags_add(diags, HX_SEV_ERROR, it->path, 0, "batch", NULL,
                                 "cannot start a process for it: %s", strerror(errno));
                    r.failed++;
                    next++;
                    continue;
                }
                char line[32];
                int len = snprintf(line, sizeof line, "%zu\n", next);
                if (write(w->cmd, line, (size_t)len) != len) {
                    worker_lost(&r, w); /* it died idle; the next turn forks another */
                    continue;
                }
                w->doc = (long)next++;
                w->start = hx_batch_now();
            }
            busy += w->doc >= 0;
        }
        if (!busy && (next >= plan->n || interrupted))
            break;
        if (interrupted > 1) /* a second interrupt: stop now */
            for (int k = 0; k < nw; k++)
                if (ws[k].pid > 0)
                    kill(ws[k].pid, SIGKILL);
        pool_wait(&r, ws, nw);
        hx_land_maybe(r.land, 0);
        hx_batch_log_tick(r.log);
    }
    for (int k = 0; k < nw; k++) /* idle workers see the end of their input and exit */
        if (ws[k].pid > 0) {
            close(ws[k].cmd);
            close(ws[k].res);
            while (waitpid(ws[k].pid, NULL, 0) < 0 && errno == EINTR)
                ;
            hx_cleanup_kid_forget(ws[k].pid);
        }
    hx_land_free(r.land); /* what is left lands, then is logged */
    if (interrupted)
        hx_diags_add(diags, HX_SEV_ERROR, o->outdir, 0, "batch", NULL,
                     "interrupted: %zu of %zu documents not started (rerun with --resume)",
                     plan->n - next, plan->n);
    hx_batch_log_close(r.log, o->summary, interrupted != 0);
    hx_batch_state_close(r.state);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    for (int k = 0; k < nw; k++) {
        free(ws[k].buf);
        free(ws[k].otmp);
        free(ws[k].ofinal);
        hx_diags_free(&ws[k].d);
    }
    free(ws);
    free(r.pf);
    free(r.idx);
    return (int)(r.failed + (interrupted ? plan->n - next : 0));
}

/* One process per document; see batch.h. */
#include "batch.h"
#include "output.h"

#include <dirent.h>
#include <errno.h>
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

struct job {
    pid_t pid;
    FILE *diags; /* the child's diagnostics, encoded */
    size_t doc;
};

/* The child: converts one document and exits 0 (written) or 1. */
static void child(struct hx_chain *c, const char *path, const char *target,
                  const struct hx_batch_opts *o, FILE *out)
{
    struct hx_diags d = {0};
    if (o->timeout)
        alarm(o->timeout);
    struct hx_set *set = hx_set_new(&path, 1);
    if (o->lang)
        set->docs[0]->lang = hx_strdup(set->docs[0]->arena, o->lang);
    int rc = hx_chain_run(c, set, target, &d);
    hx_set_free(set);
    for (size_t i = 0; i < d.n; i++)
        hx_diag_encode(&d.v[i], out);
    fflush(out);
    hx_diags_free(&d);
    _exit(rc < 0 || d.errors ? 1 : 0);
}

/* A child killed mid-write leaves its temporary output (target.XXXXXX,
 * see output.c) behind; nothing of a failed document may remain. */
static void remove_partial(const char *target)
{
    const char *slash = strrchr(target, '/');
    size_t dirlen = slash ? (size_t)(slash - target) : 1;
    const char *base = slash ? slash + 1 : target;
    size_t blen = strlen(base);
    char dir[4096];
    snprintf(dir, sizeof dir, "%.*s", (int)dirlen, slash ? target : ".");
    DIR *dp = opendir(dir);
    struct dirent *de;
    while (dp && (de = readdir(dp)) != NULL) {
        if (strlen(de->d_name) == blen + 7 && !strncmp(de->d_name, base, blen) &&
            de->d_name[blen] == '.') {
            char full[8192];
            snprintf(full, sizeof full, "%s/%s", dir, de->d_name);
            unlink(full);
        }
    }
    if (dp)
        closedir(dp);
}

/* Collects one finished child; returns 1 if its document was not written. */
static int reap(struct job *jobs, int njobs, char *const *paths, char *const *targets,
                const struct hx_batch_opts *o, struct hx_diags *diags)
{
    int status;
    pid_t pid;
    while ((pid = wait(&status)) < 0 && errno == EINTR)
        ;
    for (int k = 0; k < njobs; k++) {
        struct job *j = &jobs[k];
        if (j->pid != pid || pid <= 0)
            continue;
        char *line = NULL;
        size_t cap = 0;
        ssize_t len;
        rewind(j->diags);
        while ((len = getline(&line, &cap, j->diags)) > 0) {
            line[len - 1] = line[len - 1] == '\n' ? 0 : line[len - 1];
            hx_diag_decode(diags, line);
        }
        free(line);
        fclose(j->diags);
        j->pid = 0;
        if (WIFSIGNALED(status)) {
            int sig = WTERMSIG(status);
            remove_partial(targets[j->doc]);
            if (sig == SIGALRM)
                hx_diags_add(diags, HX_SEV_ERROR, paths[j->doc], 0, "batch", NULL,
                             "gave up after %u s (--timeout); nothing written", o->timeout);
            else
                hx_diags_add(diags, HX_SEV_ERROR, paths[j->doc], 0, "batch", NULL,
                             "internal error: the conversion crashed (%s); nothing written "
                             "(please report this file)",
                             strsignal(sig));
            return 1;
        }
        return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
    }
    return 0;
}

int hx_batch_run(struct hx_chain *c, char *const *paths, size_t n, const struct hx_batch_opts *o,
                 struct hx_diags *diags)
{
    const char *ext = hx_chain_writer(c)->ext ? hx_chain_writer(c)->ext : "out";
    int njobs = o->jobs < 1 ? 1 : o->jobs, running = 0, failed = 0;
    struct job *jobs = calloc((size_t)njobs, sizeof *jobs);
    struct hx_arena *names = hx_arena_new();
    char **targets = calloc(n ? n : 1, sizeof *targets);
    if (!jobs || !targets)
        abort();
    if (mkdir(o->outdir, 0777) != 0 && errno != EEXIST) {
        hx_diags_add(diags, HX_SEV_ERROR, o->outdir, 0, "batch", NULL,
                     "cannot create the output directory: %s", strerror(errno));
        failed = -1;
        goto out;
    }
    if (hx_chain_open(c, diags) < 0) {
        failed = -1;
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        targets[i] = hx_output_name(names, o->outdir, paths[i], ext);
        for (size_t k = 0; k < i; k++)
            if (targets[k] && !strcmp(targets[k], targets[i])) {
                hx_diags_add(diags, HX_SEV_ERROR, paths[i], 0, "batch", NULL,
                             "its output %s would overwrite that of %s; convert it separately",
                             targets[i], paths[k]);
                targets[i] = NULL;
                failed++;
                break;
            }
    }
    fflush(stdout);
    fflush(stderr);
    for (size_t i = 0; i < n; i++) {
        if (!targets[i])
            continue;
        if (running == njobs) {
            failed += reap(jobs, njobs, paths, targets, o, diags);
            running--;
        }
        int slot = 0;
        while (jobs[slot].pid)
            slot++;
        FILE *tmp = tmpfile();
        pid_t pid = tmp ? fork() : -1;
        if (pid == 0)
            child(c, paths[i], targets[i], o, tmp);
        if (pid < 0) {
            hx_diags_add(diags, HX_SEV_ERROR, paths[i], 0, "batch", NULL,
                         "cannot start a process for it: %s", strerror(errno));
            if (tmp)
                fclose(tmp);
            failed++;
            continue;
        }
        jobs[slot] = (struct job){pid, tmp, i};
        running++;
    }
    while (running-- > 0)
        failed += reap(jobs, njobs, paths, targets, o, diags);
out:
    hx_arena_free(names);
    free(targets);
    free(jobs);
    return failed;
}

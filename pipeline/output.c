/* Outputs that never clobber: a temporary file beside the target renamed
 * into place, or copied to a stream; see output.h. */
#define _GNU_SOURCE /* sync_file_range */
#include "output.h"

#include "text.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- temporaries removed on a signal -------------------------------------
 * Fixed slots of strings written before the slot is published, so that the
 * handler (which may only call async-signal-safe functions) reads only
 * complete names. */
enum { MAX_TEMPS = 256, MAX_KIDS = 256 };
static char *volatile temps[MAX_TEMPS];
static volatile pid_t kids[MAX_KIDS];
static const int cleanup_signals[] = {SIGINT, SIGTERM, SIGPIPE, SIGHUP};

void hx_cleanup_temp_add(const char *path)
{
    size_t len = strlen(path);
    char *copy = hx_xmalloc(len + 1);
    memcpy(copy, path, len + 1);
    for (int i = 0; i < MAX_TEMPS; i++)
        if (!temps[i]) {
            temps[i] = copy;
            return;
        }
    free(copy); /* more than MAX_TEMPS at once: only the rerun sweep helps */
}

void hx_cleanup_temp_forget(const char *path)
{
    for (int i = 0; i < MAX_TEMPS; i++)
        if (temps[i] && strcmp(temps[i], path) == 0) {
            char *p = temps[i];
            temps[i] = NULL;
            free(p);
            return;
        }
}

void hx_cleanup_kid_add(pid_t pid)
{
    for (int i = 0; i < MAX_KIDS; i++)
        if (!kids[i]) {
            kids[i] = pid;
            return;
        }
}

void hx_cleanup_kid_forget(pid_t pid)
{
    for (int i = 0; i < MAX_KIDS; i++)
        if (kids[i] == pid)
            kids[i] = 0;
}

void hx_cleanup_now(void)
{
    for (int i = 0; i < MAX_KIDS; i++)
        if (kids[i] > 0)
            kill(kids[i], SIGTERM);
    for (int i = 0; i < MAX_TEMPS; i++)
        if (temps[i])
            unlink(temps[i]);
}

void hx_cleanup_reset(void)
{
    /* A forked child: the parent's entries are the parent's business (the
     * strings are left to the parent's copy of the heap). */
    for (int i = 0; i < MAX_TEMPS; i++)
        temps[i] = NULL;
    for (int i = 0; i < MAX_KIDS; i++)
        kids[i] = 0;
}

static void on_signal(int sig)
{
    hx_cleanup_now();
    signal(sig, SIG_DFL);
    raise(sig);
}

void hx_cleanup_on(int sig)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

void hx_cleanup_install(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof cleanup_signals / sizeof *cleanup_signals; i++) {
        struct sigaction old;
        /* A signal ignored by whoever started us (nohup) stays ignored. */
        if (sigaction(cleanup_signals[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        sigaction(cleanup_signals[i], &sa, NULL);
    }
    hx_oom_on_exit(hx_cleanup_now);
}

/* ---- names ------------------------------------------------------------- */

int hx_output_check(struct hx_stage *st, const struct hx_output *out)
{
    if (!ferror(out->fp))
        return 0;
    hx_error(st, NULL, NULL, "cannot write %s", out->name);
    return -1;
}

char *hx_output_name(struct hx_arena *a, const char *dir, const char *path, const char *ext)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (strcmp(path, "<stdin>") == 0)
        base = "stdin";
    const char *dot = strrchr(base, '.');
    int stem = dot && dot != base ? (int)(dot - base) : (int)strlen(base);
    return hx_printf(a, "%s/%.*s.%s", dir, stem, base, ext);
}

char *hx_output_temp_name(const char *target, long pid)
{
    const char *slash = strrchr(target, '/');
    int dirlen = slash ? (int)(slash - target + 1) : 0;
    const char *base = slash ? slash + 1 : target;
    struct hx_buf b = {0};
    hx_buf_addf(&b, "%.*s.%s.%ld.hxtmp", dirlen, target, base, pid);
    return b.data;
}

int hx_output_is_temp_of(const char *name, const char *base)
{
    size_t blen = strlen(base);
    if (name[0] != '.' || strncmp(name + 1, base, blen) != 0 || name[1 + blen] != '.')
        return 0;
    const char *p = name + 2 + blen, *digits = p;
    while (*p >= '0' && *p <= '9')
        p++;
    return p > digits && strcmp(p, ".hxtmp") == 0;
}

/* ---- opening ----------------------------------------------------------- */

/* Is the file at fd the same file as one of the set's inputs? */
static const char *same_as_input(const struct stat *t, const struct hx_set *inputs)
{
    for (size_t i = 0; inputs && i < inputs->ndocs; i++) {
        const struct hx_doc *d = inputs->docs[i];
        struct stat in;
        if (stat(d->source ? d->source : d->path, &in) == 0 && in.st_dev == t->st_dev &&
            in.st_ino == t->st_ino)
            return d->path;
    }
    return NULL;
}

/* A temporary in $TMPDIR for output that goes to a stream. */
static int open_spool(struct hx_output *out, char *err, size_t errlen)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = "/tmp";
    struct hx_buf b = {0};
    hx_buf_addf(&b, "%s/hexaglot-XXXXXX", dir);
    /* mkstemp makes it 0600: the output of a confidential document is
     * readable by its owner only until it reaches the stream. */
    int fd = mkstemp(b.data);
    if (fd < 0) {
        snprintf(err, errlen, "cannot create a temporary file in %s: %s", dir, strerror(errno));
        hx_buf_free(&b);
        return -1;
    }
    hx_cleanup_temp_add(b.data);
    out->path = b.data;
    return fd;
}

/* The temporary beside target, created 0600 and never over anything. */
static int open_beside(struct hx_output *out, const char *target, char *err, size_t errlen)
{
    char *tmp = hx_output_temp_name(target, (long)getpid());
    hx_cleanup_temp_add(tmp);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0 && errno == EEXIST) {
        /* The name carries our process id: whoever left it is dead. */
        struct stat sb;
        if (lstat(tmp, &sb) == 0 && S_ISREG(sb.st_mode) && unlink(tmp) == 0)
            fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    }
    if (fd < 0) {
        snprintf(err, errlen, "%s: cannot create a file there: %s", target, strerror(errno));
        hx_cleanup_temp_forget(tmp);
        free(tmp);
        return -1;
    }
    out->path = tmp;
    return fd;
}

int hx_output_open(struct hx_output *out, const char *target, const struct hx_set *inputs,
                   char *err, size_t errlen)
{
    struct stat tst, lst;
    int fd;
    memset(out, 0, sizeof *out);
    out->stream = -1;
    out->name = target;
    if (!*target) {
        snprintf(err, errlen, "an empty output name");
        return -1;
    }
    if (strcmp(target, "-") == 0) {
        out->stream = STDOUT_FILENO;
    } else if (stat(target, &tst) == 0) {
        const char *in = same_as_input(&tst, inputs);
        if (in) {
            snprintf(err, errlen, "%s: is the input %s; refusing to overwrite an input", target,
                     in);
            return -1;
        }
        if (S_ISCHR(tst.st_mode) || S_ISFIFO(tst.st_mode)) {
            /* /dev/null, /dev/stdout, a terminal, a pipe: written through,
             * never replaced. */
            out->stream = open(target, O_WRONLY | O_NOCTTY | O_CLOEXEC);
            if (out->stream < 0) {
                snprintf(err, errlen, "%s: cannot open: %s", target, strerror(errno));
                return -1;
            }
            out->close_stream = 1;
        } else if (!S_ISREG(tst.st_mode)) {
            snprintf(err, errlen, "%s: %s; refusing to replace it", target,
                     S_ISDIR(tst.st_mode) ? "is a directory" : "not a regular file");
            return -1;
        } else {
            out->replace = 1;
            out->mode = tst.st_mode & 07777;
            out->uid = tst.st_uid;
            out->gid = tst.st_gid;
            out->links = tst.st_nlink;
            /* Through a symbolic link the file it names is replaced, and
             * the link stays. */
            if (lstat(target, &lst) == 0 && S_ISLNK(lst.st_mode)) {
                char *real = realpath(target, NULL);
                if (!real) {
                    snprintf(err, errlen, "%s: cannot resolve: %s", target, strerror(errno));
                    return -1;
                }
                out->real = real;
            }
        }
    } else if (lstat(target, &lst) == 0) {
        snprintf(err, errlen, "%s: a symbolic link to nothing; refusing to write through it",
                 target);
        return -1;
    }
    if (out->stream >= 0)
        fd = open_spool(out, err, errlen);
    else
        fd = open_beside(out, out->real ? out->real : target, err, errlen);
    if (fd < 0) {
        if (out->close_stream)
            close(out->stream);
        free(out->real);
        out->real = NULL;
        return -1;
    }
    out->fp = fdopen(fd, "wb");
    if (!out->fp) {
        snprintf(err, errlen, "%s: %s", target, strerror(errno));
        close(fd);
        hx_output_abort(out);
        return -1;
    }
    return 0;
}

/* ---- committing -------------------------------------------------------- */

/* Writes all of buf to fd, through short writes and interruptions. */
static int write_all(int fd, const char *buf, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, buf, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        buf += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Copies the spooled output to the stream; every write checked. */
static int copy_to_stream(struct hx_output *out, char *err, size_t errlen)
{
    int in = open(out->path, O_RDONLY | O_CLOEXEC);
    char buf[65536];
    ssize_t n;
    int rc = 0;
    const char *what = out->stream == STDOUT_FILENO ? "standard output" : out->name;
    if (in < 0) {
        snprintf(err, errlen, "%s: cannot reread the output: %s", what, strerror(errno));
        return -1;
    }
    while ((n = read(in, buf, sizeof buf)) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 || write_all(out->stream, buf, (size_t)n) < 0) {
            snprintf(err, errlen, "%s: write error: %s", what, strerror(errno));
            rc = -1;
            break;
        }
    }
    close(in);
    if (rc == 0 && out->close_stream && close(out->stream) != 0) {
        snprintf(err, errlen, "%s: write error: %s", what, strerror(errno));
        rc = -1;
    }
    out->close_stream = 0;
    return rc;
}

/* Gives the new file the mode (and, when we may, the owner) of the one it
 * replaces, or the mode a new file gets; then, when sync, flushes it to
 * disk. */
static int finish_file(struct hx_output *out, int fd, int sync, char *err, size_t errlen)
{
    mode_t mode = out->mode;
    if (!out->replace) {
        static mode_t mask = (mode_t)-1; /* read once: nothing here changes it */
        if (mask == (mode_t)-1) {
            mask = umask(0);
            umask(mask);
        }
        mode = 0666 & ~mask;
    } else if (fchown(fd, out->uid, out->gid) != 0) {
        /* Not ours to give away (not root): the group, at least, if we may. */
        if (fchown(fd, (uid_t)-1, out->gid) != 0)
            mode &= ~(mode_t)(S_ISUID | S_ISGID);
    }
    if (fchmod(fd, mode) != 0 || (sync && fsync(fd) != 0)) {
        snprintf(err, errlen, "%s: write error: %s", out->name, strerror(errno));
        return -1;
    }
    return 0;
}

/* After the rename: the directory entry itself made durable. */
static void sync_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    struct hx_buf b = {0};
    if (slash)
        hx_buf_add(&b, path, slash == path ? 1 : (size_t)(slash - path));
    else
        hx_buf_adds(&b, ".");
    int dfd = open(b.data, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        fsync(dfd); /* some file systems refuse; the rename is done either way */
        close(dfd);
    }
    hx_buf_free(&b);
}

/* Flushes and closes the temporary (synced when sync) or copies it to the
 * stream. 0, or -1 with a message in err. */
static int output_close(struct hx_output *out, int sync, char *err, size_t errlen)
{
    int rc = 0;
    if (out->fp) {
        int fd = fileno(out->fp);
        if (fflush(out->fp) != 0 || ferror(out->fp)) {
            snprintf(err, errlen, "%s: write error: %s", out->name, strerror(errno));
            rc = -1;
        } else if (out->stream < 0) {
            rc = finish_file(out, fd, sync, err, errlen);
        }
        if (fclose(out->fp) != 0 && rc == 0) {
            snprintf(err, errlen, "%s: write error: %s", out->name, strerror(errno));
            rc = -1;
        }
        out->fp = NULL;
    } else if (out->stream < 0) {
        /* The writer wrote to path itself (libzip): same finishing. */
        int fd = open(out->path, O_WRONLY | O_CLOEXEC);
        rc = fd < 0 ? -1 : finish_file(out, fd, sync, err, errlen);
        if (fd < 0)
            snprintf(err, errlen, "%s: %s", out->name, strerror(errno));
        if (fd >= 0)
            close(fd);
    }
    if (rc == 0 && out->stream >= 0)
        rc = copy_to_stream(out, err, errlen);
    return rc;
}

int hx_output_commit(struct hx_output *out, char *err, size_t errlen)
{
    int rc = output_close(out, 1, err, errlen);
    if (rc == 0 && out->stream < 0) {
        const char *final = out->real ? out->real : out->name;
        if (rename(out->path, final) != 0) {
            snprintf(err, errlen, "%s: cannot move the output into place: %s", out->name,
                     strerror(errno));
            rc = -1;
        } else {
            hx_cleanup_temp_forget(out->path);
            free((char *)out->path);
            out->path = NULL;
            sync_dir(final);
        }
    }
    hx_output_abort(out);
    return rc;
}

int hx_output_close_deferred(struct hx_output *out, char **tmp, char **final, char *err,
                             size_t errlen)
{
    *tmp = *final = NULL;
    int rc = output_close(out, 0, err, errlen);
    if (rc == 0 && out->stream < 0) {
        char *f = strdup(out->real ? out->real : out->name);
        if (!f) {
            snprintf(err, errlen, "%s: out of memory", out->name);
            rc = -1;
        } else {
            /* From now on the temporary is the caller's to land or remove. */
            hx_cleanup_temp_forget(out->path);
            *tmp = (char *)out->path;
            *final = f;
            out->path = NULL;
        }
    }
    hx_output_abort(out);
    return rc;
}

/* Makes the contents of every file of paths durable: writeback of all
 * of them started first, then each waited for. The waits overlap the
 * device's work instead of queueing a write and a flush per file; only
 * these files are flushed (syncfs would wait for every other writer of
 * the file system too: 1.1 s behind 100,000 freshly created inputs). */
static void sync_group(char *const *paths, size_t n)
{
    int *fds = malloc(n * sizeof *fds); /* NULL: short of memory, one at a time */
    for (size_t i = 0; i < n; i++) {
        int fd = open(paths[i], O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        if (fd >= 0 && fds)
            sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
        else if (fd >= 0) {
            fsync(fd);
            close(fd);
        }
        if (fds)
            fds[i] = fd;
    }
    for (size_t i = 0; fds && i < n; i++)
        if (fds[i] >= 0) {
            fsync(fds[i]);
            close(fds[i]);
        }
    free(fds);
}

void hx_output_land(char *const *tmp, char *const *final, size_t n, int *errnos,
                    void (*before)(void *ud, size_t i), void *ud)
{
    sync_group(tmp, n);
    for (size_t i = 0; i < n; i++) {
        if (before)
            before(ud, i);
        errnos[i] = rename(tmp[i], final[i]) == 0 ? 0 : errno;
        if (errnos[i])
            unlink(tmp[i]);
    }
    /* Each directory once: the renames made durable. */
    for (size_t i = 0; i < n; i++) {
        const char *slash = strrchr(final[i], '/');
        size_t dl = slash ? (size_t)(slash - final[i]) : 0;
        size_t k = 0;
        while (k < i) {
            const char *s2 = strrchr(final[k], '/');
            size_t l2 = s2 ? (size_t)(s2 - final[k]) : 0;
            if (l2 == dl && strncmp(final[k], final[i], dl) == 0)
                break;
            k++;
        }
        if (k == i && !errnos[i])
            sync_dir(final[i]);
    }
}

void hx_output_abort(struct hx_output *out)
{
    if (out->fp)
        fclose(out->fp);
    out->fp = NULL;
    if (out->close_stream)
        close(out->stream);
    out->close_stream = 0;
    if (out->path) {
        unlink(out->path);
        hx_cleanup_temp_forget(out->path);
        free((char *)out->path);
    }
    out->path = NULL;
    free(out->real);
    out->real = NULL;
}

/* Temporary file + rename, so that a failed run leaves no partial output;
 * see output.h. */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

int hx_output_open(struct hx_output *out, const char *target, char *err, size_t errlen)
{
    char *tmp;
    memset(out, 0, sizeof *out);
    if (strcmp(target, "-") == 0) {
        const char *dir = getenv("TMPDIR");
        if (!dir || !*dir)
            dir = "/tmp";
        tmp = malloc(strlen(dir) + sizeof "/hexaglot-XXXXXX");
        if (!tmp)
            abort();
        sprintf(tmp, "%s/hexaglot-XXXXXX", dir);
    } else {
        /* Never rename over something that is not a regular file: as root
         * that would replace a device node such as /dev/null. */
        struct stat tst;
        if (lstat(target, &tst) == 0 && !S_ISREG(tst.st_mode)) {
            snprintf(err, errlen, "%s: not a regular file; refusing to replace it", target);
            return -1;
        }
        tmp = malloc(strlen(target) + sizeof ".XXXXXX");
        if (!tmp)
            abort();
        sprintf(tmp, "%s.XXXXXX", target);
    }
    int fd = mkstemp(tmp);
    if (fd < 0) {
        snprintf(err, errlen, "%s: cannot create a file there: %s", target, strerror(errno));
        free(tmp);
        return -1;
    }
    /* mkstemp makes the file 0600; an output file should get the usual
     * permissions a new file would. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    out->fp = fdopen(fd, "wb");
    if (!out->fp)
        abort();
    out->path = tmp;
    out->name = target;
    return 0;
}

static int copy_to_stdout(const char *path)
{
    FILE *in = fopen(path, "rb");
    char buf[65536];
    size_t n;
    int rc = 0;
    if (!in)
        return -1;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, stdout) != n) {
            rc = -1;
            break;
        }
    if (ferror(in))
        rc = -1;
    fclose(in);
    if (fflush(stdout) != 0)
        rc = -1;
    return rc;
}

int hx_output_commit(struct hx_output *out, char *err, size_t errlen)
{
    int rc = 0;
    if (out->fp) {
        if (fflush(out->fp) != 0 || ferror(out->fp))
            rc = -1;
        if (fclose(out->fp) != 0)
            rc = -1;
        out->fp = NULL;
    }
    if (rc < 0) {
        snprintf(err, errlen, "%s: write error: %s", out->name, strerror(errno));
    } else if (strcmp(out->name, "-") == 0) {
        if (copy_to_stdout(out->path) < 0) {
            snprintf(err, errlen, "standard output: write error: %s", strerror(errno));
            rc = -1;
        }
    } else if (rename(out->path, out->name) != 0) {
        snprintf(err, errlen, "%s: cannot move the output into place: %s", out->name,
                 strerror(errno));
        rc = -1;
    } else {
        free((char *)out->path);
        out->path = NULL;
        return 0;
    }
    hx_output_abort(out);
    return rc;
}

void hx_output_abort(struct hx_output *out)
{
    if (out->fp)
        fclose(out->fp);
    out->fp = NULL;
    if (out->path) {
        unlink(out->path);
        free((char *)out->path);
    }
    out->path = NULL;
}

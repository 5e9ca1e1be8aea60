/* Whole-file reading for the readers; see file.h. */
#include "file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "filter.h"

int hx_file_slurp(struct hx_stage *st, const struct hx_doc *doc, size_t max, char **data,
                  size_t *len)
{
    int rc = -1;
    char *buf = NULL;
    size_t n = 0;
    FILE *fp = fopen(doc->source ? doc->source : doc->path, "rb");
    struct stat sb;
    *data = NULL;
    *len = 0;
    if (!fp) {
        hx_error(st, doc, NULL, "cannot open: %s", strerror(errno));
        goto out;
    }
    if (fstat(fileno(fp), &sb) != 0 || !S_ISREG(sb.st_mode)) {
        hx_error(st, doc, NULL, "not a regular file");
        goto out;
    }
    if ((unsigned long long)sb.st_size > max) {
        hx_error(st, doc, NULL, "file too large (%lld bytes; the limit is %zu)",
                 (long long)sb.st_size, max);
        goto out;
    }
    buf = hx_xmalloc((size_t)sb.st_size + 1);
    n = fread(buf, 1, (size_t)sb.st_size, fp);
    if (ferror(fp)) {
        hx_error(st, doc, NULL, "read error: %s", strerror(errno));
        goto out;
    }
    buf[n] = 0;
    *data = buf;
    *len = n;
    buf = NULL;
    rc = 0;
out:
    free(buf);
    if (fp)
        fclose(fp);
    return rc;
}

/* The floor a DOCX converter cannot go below: open the package with
 * libzip, read every part and parse every XML part with libxml2's
 * streaming reader, nothing else. bench/batch_bench.py builds and runs it
 * on the same documents as hexaglot and pandoc.
 *
 * floor -o DIR FILE...: the same, and then what every converter must do
 * besides: write an output per input (the main part's bytes, to a new
 * file renamed into place in DIR), so that the cost of creating files on
 * the machine at hand is in the floor too. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/xmlreader.h>
#include <zip.h>

static int parse(const char *data, zip_uint64_t len)
{
    xmlTextReaderPtr r = xmlReaderForMemory(data, (int)len, NULL, NULL, XML_PARSE_NONET);
    int n = 0, rc;
    if (!r)
        return -1;
    while ((rc = xmlTextReaderRead(r)) == 1)
        n++;
    xmlFreeTextReader(r);
    return rc == 0 ? n : -1;
}

/* buf as DIR/<name of path>.txt: a temporary file renamed into place. */
static int put(const char *dir, const char *path, const char *buf, size_t len)
{
    const char *base = strrchr(path, '/');
    char tmp[4096], final[4096];
    base = base ? base + 1 : path;
    snprintf(final, sizeof final, "%s/%s.txt", dir, base);
    snprintf(tmp, sizeof tmp, "%s/.%s.tmp", dir, base);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return -1;
    int ok = write(fd, buf, len) == (ssize_t)len;
    ok = close(fd) == 0 && ok;
    return ok && rename(tmp, final) == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
    int bad = 0, first = 1;
    const char *outdir = NULL;
    if (argc > 2 && strcmp(argv[1], "-o") == 0) {
        outdir = argv[2];
        first = 3;
    }
    for (int i = first; i < argc; i++) {
        int err;
        zip_t *z = zip_open(argv[i], ZIP_RDONLY, &err);
        if (!z) {
            bad++;
            continue;
        }
        zip_int64_t n = zip_get_num_entries(z, 0);
        for (zip_int64_t k = 0; k < n; k++) {
            zip_stat_t st;
            if (zip_stat_index(z, (zip_uint64_t)k, 0, &st) != 0)
                continue;
            zip_file_t *f = zip_fopen_index(z, (zip_uint64_t)k, 0);
            char *buf = malloc(st.size + 1);
            if (!f || !buf || zip_fread(f, buf, st.size) != (zip_int64_t)st.size)
                bad++;
            else if (strstr(st.name, ".xml") || strstr(st.name, ".rels"))
                bad += parse(buf, st.size) < 0;
            if (outdir && f && buf && strcmp(st.name, "word/document.xml") == 0)
                bad += put(outdir, argv[i], buf, st.size) < 0;
            free(buf);
            if (f)
                zip_fclose(f);
        }
        zip_close(z);
    }
    return bad != 0;
}

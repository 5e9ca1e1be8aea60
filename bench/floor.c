/* The floor a DOCX converter cannot go below: open the package with
 * libzip, read every part and parse every XML part with libxml2's
 * streaming reader, nothing else. bench/batch_bench.py builds and runs it
 * on the same documents as hexaglot and pandoc. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

int main(int argc, char **argv)
{
    int bad = 0;
    for (int i = 1; i < argc; i++) {
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
            free(buf);
            if (f)
                zip_fclose(f);
        }
        zip_close(z);
    }
    return bad != 0;
}

/* The body every harness shares; see fuzz.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chain.h"
#include "fuzz.h"

/* Paths and the chain live for the whole process: building the chain and
 * opening the stages once keeps executions fast, as a batch does. */
static char in_path[64], out_path[64];
static struct hx_chain *chain;

static void cleanup(void)
{
    unlink(in_path);
    unlink(out_path);
    hx_chain_free(chain);
}

static void setup(const char *reader, const char *ext)
{
    char dir[] = "/tmp/hx-fuzz-XXXXXX";
    if (!mkdtemp(dir))
        abort();
    /* The directory is left behind empty; libFuzzer forks no cleanup hook
     * that would run on a crash anyway. */
    snprintf(in_path, sizeof in_path, "%s/in.%s", dir, ext);
    snprintf(out_path, sizeof out_path, "%s/out.xml", dir);
    char std[512], text[600], err[512];
    hx_chain_standard("xml", std, sizeof std);
    snprintf(text, sizeof text, "%s | %s", reader, std);
    chain = hx_chain_build(text, err, sizeof err);
    if (!chain) {
        fprintf(stderr, "fuzz: %s\n", err);
        abort();
    }
    atexit(cleanup);
}

static void check_diags(const struct hx_diags *d, const struct hx_set *set)
{
    for (size_t i = 0; i < d->n; i++) {
        const struct hx_diag *g = &d->v[i];
        /* The chain's own check of each stage's tree; a prefix, because
         * libxml2's messages and quoted input may say "internal error". */
        if (strchr(g->msg, '\n') || strncmp(g->msg, "internal error: ", 16) == 0) {
            fprintf(stderr, "fuzz: bad diagnostic: %s: %s\n", g->stage, g->msg);
            abort();
        }
    }
    for (size_t i = 0; i < set->ndocs; i++) {
        const struct hx_doc *doc = set->docs[i];
        if (doc->failed && d->errors == 0) {
            fputs("fuzz: a document failed with no error diagnostic\n", stderr);
            abort();
        }
        const char *why = doc->failed || !doc->root ? NULL : hx_doc_check(doc);
        if (why) {
            fprintf(stderr, "fuzz: broken tree after the writer: %s\n", why);
            abort();
        }
    }
}

int hx_fuzz_run(const char *reader, const char *ext, const uint8_t *data, size_t size)
{
    if (!chain)
        setup(reader, ext);
    FILE *fp = fopen(in_path, "wb");
    if (!fp || fwrite(data, 1, size, fp) != size || fclose(fp) != 0)
        abort();
    const char *paths[] = {in_path};
    struct hx_set *set = hx_set_new(paths, 1);
    struct hx_diags diags = {0};
    hx_chain_run(chain, set, out_path, &diags);
    check_diags(&diags, set);
    hx_diags_free(&diags);
    hx_set_free(set);
    return 0;
}

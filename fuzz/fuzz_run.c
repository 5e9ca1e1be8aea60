/* The body every harness shares; see fuzz.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chain.h"
#include "fuzz.h"

/* Paths and the chain live for the whole process: building the chain and
 * opening the stages once keeps executions fast, as a batch does. */
enum { MAX_DOCS = 6, MAX_CHAINS = 16 };
static char dir[32], in_path[MAX_DOCS][64], out_path[64];
static struct {
    char *text;
    struct hx_chain *chain;
} chains[MAX_CHAINS];

static void cleanup(void)
{
    for (int i = 0; i < MAX_DOCS; i++)
        unlink(in_path[i]);
    unlink(out_path);
    for (int i = 0; i < MAX_CHAINS; i++) {
        hx_chain_free(chains[i].chain);
        free(chains[i].text);
    }
}

/* The chain of that text, built once (the stages stay open, as in a
 * batch). */
static struct hx_chain *chain_for(const char *text)
{
    int i = 0;
    for (; i < MAX_CHAINS && chains[i].text; i++)
        if (strcmp(chains[i].text, text) == 0)
            return chains[i].chain;
    if (i == MAX_CHAINS)
        abort();
    char err[512];
    chains[i].chain = hx_chain_build(text, err, sizeof err);
    if (!chains[i].chain) {
        fprintf(stderr, "fuzz: %s\n", err);
        abort();
    }
    chains[i].text = strdup(text);
    return chains[i].chain;
}

static void setup(const char *ext, const char *out_ext)
{
    if (dir[0])
        return;
    snprintf(dir, sizeof dir, "/tmp/hx-fuzz-XXXXXX");
    if (!mkdtemp(dir))
        abort();
    /* The directory is left behind empty; libFuzzer forks no cleanup hook
     * that would run on a crash anyway. */
    for (int i = 0; i < MAX_DOCS; i++)
        snprintf(in_path[i], sizeof in_path[i], "%s/in%d.%s", dir, i, ext);
    snprintf(out_path, sizeof out_path, "%s/out.%s", dir, out_ext);
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

int hx_fuzz_chain(const char *chain_text, const char *ext, const char *out_ext,
                  const uint8_t *const *data, const size_t *size, size_t n)
{
    if (n < 1 || n > MAX_DOCS)
        abort();
    setup(ext, out_ext);
    struct hx_chain *chain = chain_for(chain_text);
    const char *paths[MAX_DOCS];
    for (size_t i = 0; i < n; i++) {
        FILE *fp = fopen(in_path[i], "wb");
        if (!fp || fwrite(data[i], 1, size[i], fp) != size[i] || fclose(fp) != 0)
            abort();
        paths[i] = in_path[i];
    }
    struct hx_set *set = hx_set_new(paths, n);
    struct hx_diags diags = {0};
    hx_chain_run(chain, set, out_path, &diags);
    check_diags(&diags, set);
    hx_diags_free(&diags);
    hx_set_free(set);
    return 0;
}

int hx_fuzz_run(const char *reader, const char *ext, const uint8_t *data, size_t size)
{
    char std[512], text[600];
    hx_chain_standard("xml", std, sizeof std);
    snprintf(text, sizeof text, "%s | %s", reader, std);
    return hx_fuzz_chain(text, ext, "xml", &data, &size, 1);
}

/* See cli.h. */
#include "cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <harfbuzz/hb.h>
#include <libxml/parser.h>
#include <unicode/uversion.h>
#include <zip.h>

#include "chain.h"
#include "config.h"
#if HX_HAVE_PDF
#include <hpdf.h>
#endif

/* Calls fn for every extension of writer f ("ext" then each of "exts"). */
static void each_ext(const struct hx_filter *f, void (*fn)(const char *, size_t, void *), void *ctx)
{
    if (f->ext)
        fn(f->ext, strlen(f->ext), ctx);
    for (const char *p = f->exts ? f->exts : ""; *p;) {
        size_t n = strcspn(p, " ");
        if (n)
            fn(p, n, ctx);
        p += n + (p[n] == ' ');
    }
}

static int writer_of(const struct hx_filter *f, int set)
{
    return f->kind == HX_WRITER && (set ? f->write_set != NULL : f->write != NULL);
}

struct match {
    const char *base;
    size_t len, best;
};

/* Does ".EXT" end the base name (and leave a stem before it)? */
static void try_ext(const char *ext, size_t n, void *ctx)
{
    struct match *m = ctx;
    if (n + 1 < m->len && m->base[m->len - n - 1] == '.' &&
        strncasecmp(m->base + m->len - n, ext, n) == 0 && n > m->best)
        m->best = n;
}

struct list {
    char *buf;
    size_t len, used;
};

static void add_ext(const char *ext, size_t n, void *ctx)
{
    struct list *l = ctx;
    if (l->used + n + 4 < l->len)
        l->used += (size_t)snprintf(l->buf + l->used, l->len - l->used, "%s.%.*s",
                                    l->used ? ", " : "", (int)n, ext);
}

const struct hx_filter *hx_writer_for_name(const char *name, int set, char *err, size_t errlen)
{
    const char *slash = strrchr(name, '/');
    struct match m = {slash ? slash + 1 : name, 0, 0};
    const struct hx_filter *found = NULL;
    m.len = strlen(m.base);
    for (const struct hx_filter *const *f = hx_registry; *f; f++) {
        if (!writer_of(*f, set))
            continue;
        size_t before = m.best;
        each_ext(*f, try_ext, &m);
        if (m.best > before)
            found = *f;
    }
    /* Formats whose writer a build may lack: their extensions must not fall
     * to a shorter match (y.akn.xml is not the model XML). */
    static const char *const planned[][2] = {
        {"akn.xml", "akn"}, {"akn", "akn"}, {"pdf", "pdf"}, {"epub", "epub"}};
    for (size_t i = 0; i < sizeof planned / sizeof planned[0]; i++) {
        size_t n = strlen(planned[i][0]);
        struct match p = {m.base, m.len, 0};
        try_ext(planned[i][0], n, &p);
        if (p.best > m.best && !hx_filter_find(set ? "" : planned[i][1], HX_WRITER)) {
            snprintf(err, errlen,
                     "%s: no writer for .%s in this build (writer %s is not available)", name,
                     planned[i][0], planned[i][1]);
            return NULL;
        }
    }
    if (found)
        return found;
    char known[512] = "";
    struct list l = {known, sizeof known, 0};
    for (const struct hx_filter *const *f = hx_registry; *f; f++)
        if (writer_of(*f, set))
            each_ext(*f, add_ext, &l);
    const char *dot = strrchr(m.base, '.');
    snprintf(err, errlen, "%s: no %swriter for %s%s (known: %s%s)", name, set ? "report " : "",
             dot && dot != m.base ? "the extension " : "a name without an extension",
             dot && dot != m.base ? dot : "", known, set ? "" : "; or give -t FMT");
    return NULL;
}

static void print_opts(FILE *fp, const struct hx_filter *f)
{
    static const char *const types[] = {"yes|no", "N", "TEXT", ""};
    for (const struct hx_opt *o = f->opts; o && o->key; o++) {
        char val[160] = "";
        if (o->type == HX_OPT_ENUM) {
            size_t u = 0;
            for (const char *const *c = o->choices; c && *c && u + 1 < sizeof val; c++)
                u += (size_t)snprintf(val + u, sizeof val - u, "%s%s", u ? "|" : "", *c);
        } else {
            snprintf(val, sizeof val, "%s", types[o->type]);
        }
        char kv[200];
        snprintf(kv, sizeof kv, "%s=%s", o->key, val);
        fprintf(fp, "%22s%-26s %s%s%s%s\n", "", kv, o->help ? o->help : "",
                o->def ? " (default " : "", o->def ? o->def : "", o->def ? ")" : "");
    }
}

void hx_stages_print(FILE *fp)
{
    static const char *const kinds[] = {"reader", "filter", "writer"};
    for (int k = 0; k < 3; k++)
        for (const struct hx_filter *const *f = hx_registry; *f; f++) {
            if ((int)(*f)->kind != k)
                continue;
            fprintf(fp, "%-7s %-12s %s\n", kinds[k], (*f)->name,
                    (*f)->summary ? (*f)->summary : "");
            char exts[256] = "";
            struct list l = {exts, sizeof exts, 0};
            if (k == HX_READER) {
                for (const char *p = (*f)->exts ? (*f)->exts : ""; *p;) {
                    size_t n = strcspn(p, " ");
                    if (n)
                        add_ext(p, n, &l);
                    p += n + (p[n] == ' ');
                }
                if ((*f)->content)
                    fprintf(fp, "%22srecognises %s\n", "", (*f)->content);
                if (*exts)
                    fprintf(fp, "%22sextensions (break ties) %s\n", "", exts);
            } else if (k == HX_WRITER) {
                each_ext(*f, add_ext, &l);
                if (*exts)
                    fprintf(fp, "%22s-o %s%s\n", "", exts,
                            (*f)->write_set ? " (align)" : " (convert, batch)");
            }
            print_opts(fp, *f);
        }
}

void hx_version_print(FILE *fp)
{
    UVersionInfo icu;
    char icus[U_MAX_VERSION_STRING_LENGTH];
    u_getVersion(icu);
    u_versionToString(icu, icus);
    fprintf(fp, "hexaglot %s\n", HX_VERSION);
    /* libxml2 gives its run-time version as "20914" for 2.9.14 */
    long xv = strtol(xmlParserVersion, NULL, 10);
    fprintf(fp, "libxml2 %ld.%ld.%ld (built with %s)\n", xv / 10000, xv / 100 % 100, xv % 100,
            LIBXML_DOTTED_VERSION);
    fprintf(fp, "libzip %s (built with %s)\n", zip_libzip_version(), LIBZIP_VERSION);
    fprintf(fp, "ICU %s (built with %s)\n", icus, U_ICU_VERSION);
    fprintf(fp, "HarfBuzz %s (built with %s)\n", hb_version_string(), HB_VERSION_STRING);
#if HX_HAVE_PDF
    fprintf(fp, "libharu %s\n", HPDF_VERSION_TEXT);
#else
    fprintf(fp, "libharu: not built in (PDF unavailable)\n");
#endif
}

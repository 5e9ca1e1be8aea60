/* Chains: built from text and checked before any file is opened, then run
 * over sets of documents; see chain.h. */
#include "chain.h"

#include <ctype.h>
#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "output.h"
#include "text.h"

/* MAX_REGISTRY bounds the registry (checked by test_chain), not chains. */
enum { MAX_STAGES = 32, MAX_REGISTRY = 256, SNIFF_BYTES = 4096 };

struct hx_chain {
    struct hx_arena *arena;
    struct hx_stage stages[MAX_STAGES]; /* stages[0] is the reader, or unset */
    int opened[MAX_STAGES];
    size_t n;
    int auto_reader;                       /* stages[0] unused: pick a reader per file */
    struct hx_stage readers[MAX_REGISTRY]; /* auto readers, by registry index */
    int readers_opened[MAX_REGISTRY];
    const struct hx_filter *writer;
    /* hx_chain_defer: outputs handed over unlanded, to whom. */
    void (*landed)(void *ud, char *tmp, char *final);
    void *landed_ud;
};

static const char *const kind_names[] = {"reader", "filter", "writer"};

const struct hx_filter *hx_filter_find(const char *name, int kind)
{
    for (const struct hx_filter *const *f = hx_registry; *f; f++)
        if ((kind < 0 || (int)(*f)->kind == kind) && strcmp((*f)->name, name) == 0)
            return *f;
    return NULL;
}

static void list_names(int kind, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = 0;
    for (const struct hx_filter *const *f = hx_registry; *f && used < len; f++)
        if ((int)(*f)->kind == kind)
            used += (size_t)snprintf(buf + used, len - used, "%s%s", used ? ", " : "", (*f)->name);
}

/* Names of the stages that give any of the bits in need, for a hint. */
static void givers(unsigned need, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = 0;
    for (const struct hx_filter *const *f = hx_registry; *f && used < len; f++)
        if ((*f)->gives & need && (*f)->kind == HX_FILTER)
            used +=
                (size_t)snprintf(buf + used, len - used, "%s'%s'", used ? " or " : "", (*f)->name);
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    char *e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        *--e = 0;
    return s;
}

void hx_chain_standard(const char *writer, char *buf, size_t buflen)
{
    if (hx_standard_filters[0])
        snprintf(buf, buflen, "%s | %s", hx_standard_filters, writer);
    else
        snprintf(buf, buflen, "%s", writer);
}

/* Adds stage "name[:opts]" at position pos of npos; 0 or -1 with err. */
static int add_stage(struct hx_chain *c, char *spec, size_t pos, size_t npos, char *err,
                     size_t errlen)
{
    char *colon = strchr(spec, ':');
    if (colon)
        *colon++ = 0;
    char *name = trim(spec);
    char names[512];
    /* The first stage may be a reader and the last a writer; "xml" and
     * "akn" are both, so position decides which one a name means; a chain of one stage
     * ("-t xml") is a writer after an automatic reader. */
    const struct hx_filter *f = NULL;
    if (pos == 0 && npos > 1)
        f = hx_filter_find(name, HX_READER);
    if (!f && pos == npos - 1)
        f = hx_filter_find(name, HX_WRITER);
    if (!f && pos == 0)
        f = hx_filter_find(name, HX_READER);
    if (!f)
        f = hx_filter_find(name, HX_FILTER);
    if (!f) {
        const struct hx_filter *other = hx_filter_find(name, -1);
        if (other) {
            snprintf(err, errlen, "'%s' is a %s: a chain is 'reader | filter | … | writer'", name,
                     kind_names[other->kind]);
        } else {
            size_t u = 0;
            for (int k = 0; k < 3; k++) {
                char part[256];
                list_names(k, part, sizeof part);
                u += (size_t)snprintf(names + u, sizeof names - u, "%s%ss: %s", k ? "; " : "",
                                      kind_names[k], part[0] ? part : "none");
                if (u >= sizeof names)
                    break;
            }
            snprintf(err, errlen, "unknown stage '%s' (%s)", name, names);
        }
        return -1;
    }
    if (f->kind == HX_READER && c->n != 0) {
        snprintf(err, errlen, "reader '%s' must come first in the chain", name);
        return -1;
    }
    if (c->n == 0 && f->kind != HX_READER) {
        c->auto_reader = 1;
        c->n = 1;
    }
    if (c->n >= MAX_STAGES) {
        snprintf(err, errlen, "chain too long (at most %d stages)", MAX_STAGES - 1);
        return -1;
    }
    struct hx_stage *st = &c->stages[c->n];
    st->f = f;
    st->priv = f->priv_size ? hx_alloc(c->arena, f->priv_size) : NULL;
    if (hx_opts_parse(f, st->priv, colon, c->arena, err, errlen) < 0)
        return -1;
    c->n++;
    return 0;
}

/* Every stage's needs must be given by the stages before it. */
static int check_needs(struct hx_chain *c, char *err, size_t errlen)
{
    unsigned have = HX_HAS_TREE;
    for (size_t i = 1; i < c->n; i++) {
        const struct hx_filter *f = c->stages[i].f;
        unsigned missing = f->needs & ~have;
        if (missing) {
            char hint[256];
            givers(missing, hint, sizeof hint);
            snprintf(err, errlen, "stage '%s' needs what %s gives: put it before '%s'", f->name,
                     hint[0] ? hint : "no stage", f->name);
            return -1;
        }
        have |= f->gives;
        if (f->kind == HX_WRITER && i != c->n - 1) {
            snprintf(err, errlen, "writer '%s' must come last in the chain", f->name);
            return -1;
        }
    }
    return 0;
}

struct hx_chain *hx_chain_build(const char *text, char *err, size_t errlen)
{
    struct hx_chain *c = hx_xmalloc(sizeof *c);
    memset(c, 0, sizeof *c);
    c->arena = hx_arena_new();
    char *copy = hx_strdup(c->arena, text), *p = copy;
    size_t npos = 1;
    for (const char *q = text; *q; q++)
        npos += *q == '|';
    for (size_t pos = 0; pos < npos; pos++) {
        char *bar = strchr(p, '|');
        if (bar)
            *bar = 0;
        if (!*trim(p)) {
            snprintf(err, errlen, "empty stage in chain '%s'", text);
            goto fail;
        }
        if (add_stage(c, p, pos, npos, err, errlen) < 0)
            goto fail;
        p = bar ? bar + 1 : p + strlen(p);
    }
    if (c->n < 2 || c->stages[c->n - 1].f->kind != HX_WRITER) {
        char names[256];
        list_names(HX_WRITER, names, sizeof names);
        snprintf(err, errlen, "a chain ends with a writer (%s)", names);
        goto fail;
    }
    if (check_needs(c, err, errlen) < 0)
        goto fail;
    c->writer = c->stages[c->n - 1].f;
    return c;
fail:
    hx_chain_free(c);
    return NULL;
}

void hx_chain_free(struct hx_chain *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++)
        if (c->opened[i] && c->stages[i].f->close)
            c->stages[i].f->close(&c->stages[i]);
    for (size_t i = 0; i < MAX_REGISTRY; i++)
        if (c->readers_opened[i] && c->readers[i].f->close)
            c->readers[i].f->close(&c->readers[i]);
    hx_arena_free(c->arena);
    free(c);
}

const struct hx_filter *hx_chain_writer(const struct hx_chain *c)
{
    return c->writer;
}

/* ---- running ---------------------------------------------------------- */

/* Opens a stage on first use; its close runs in hx_chain_free. */
static int stage_open(struct hx_stage *st, int *opened, struct hx_diags *diags)
{
    st->diags = diags;
    if (*opened)
        return *opened < 0 ? -1 : 0;
    int rc = st->f->open ? st->f->open(st) : 0;
    *opened = rc < 0 ? -1 : 1; /* close runs either way */
    return rc;
}

static const char *file_ext(const char *path)
{
    const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');
    return dot && (!slash || dot > slash) ? dot + 1 : "";
}

static int ext_listed(const char *exts, const char *ext)
{
    size_t n = strlen(ext);
    for (const char *p = exts ? exts : ""; n && *p;) {
        const char *e = strchr(p, ' ');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len == n && strncasecmp(p, ext, n) == 0)
            return 1;
        p += len + (e != NULL);
    }
    return 0;
}

/* The stage that reads doc: the chain's reader, or the registered reader
 * whose sniff is surest about the file's first bytes. NULL after an error. */
static struct hx_stage *pick_reader(struct hx_chain *c, struct hx_doc *doc, struct hx_diags *diags)
{
    struct hx_stage runner = {NULL, NULL, diags};
    unsigned char head[SNIFF_BYTES];
    struct stat sb;
    size_t n = 0;
    const char *file = doc->source ? doc->source : doc->path;
    if (stat(file, &sb) != 0) {
        hx_error(&runner, doc, NULL, "cannot open: %s", strerror(errno));
        return NULL;
    }
    if (S_ISDIR(sb.st_mode)) {
        hx_error(&runner, doc, NULL, "is a directory, not a document");
        return NULL;
    }
    if (!S_ISREG(sb.st_mode)) {
        hx_error(&runner, doc, NULL, "not a regular file");
        return NULL;
    }
    FILE *fp = fopen(file, "rb");
    if (!fp) {
        hx_error(&runner, doc, NULL, "cannot open: %s", strerror(errno));
        return NULL;
    }
    n = fread(head, 1, sizeof head, fp);
    fclose(fp);
    if (n == 0) {
        hx_error(&runner, doc, NULL, "empty file");
        return NULL;
    }
    if (!c->auto_reader)
        return &c->stages[0];
    /* UTF-16 with a byte order mark is sniffed as the UTF-8 it becomes
     * (the text reader converts it; libxml2 reads it as it is). */
    size_t ulen;
    char *utf8 = hx_utf16_to_utf8((const char *)head, n, &ulen);
    if (utf8) {
        n = ulen < sizeof head ? ulen : sizeof head;
        memcpy(head, utf8, n);
        free(utf8);
    }
    int best = 0, besti = -1;
    const char *ext = file_ext(doc->path);
    for (int i = 0; hx_registry[i] && i < MAX_REGISTRY; i++) {
        const struct hx_filter *f = hx_registry[i];
        if (f->kind != HX_READER || !f->sniff)
            continue;
        /* Content decides; the extension only breaks ties. */
        int score = f->sniff(head, n) * 2 + ext_listed(f->exts, ext);
        if (score > best)
            best = score, besti = i;
    }
    if (besti < 0 || best < 2) {
        hx_error(&runner, doc, NULL,
                 "unknown format: no reader recognises this file (readers: see 'hexaglot "
                 "stages'; to force one: --chain 'READER | …')");
        return NULL;
    }
    struct hx_stage *st = &c->readers[besti];
    if (!st->f) {
        char err[256];
        st->f = hx_registry[besti];
        st->priv = st->f->priv_size ? hx_alloc(c->arena, st->f->priv_size) : NULL;
        if (hx_opts_parse(st->f, st->priv, NULL, c->arena, err, sizeof err) < 0)
            abort(); /* a stage's own defaults are wrong: a programming error */
    }
    return st;
}

/* A document that ran out of memory: its tree goes at once, so that the
 * documents after it in the set get the budget back; what stays is a
 * failed shell with its names (set->docs[d] is replaced). */
static void doc_release(struct hx_set *set, size_t d)
{
    struct hx_doc *old = set->docs[d];
    struct hx_buf keep = {0}; /* path, source, lang: out of the old arena first */
    size_t src = 0, lang = 0;
    hx_buf_add(&keep, old->path, strlen(old->path) + 1);
    if (old->source) {
        src = keep.len;
        hx_buf_add(&keep, old->source, strlen(old->source) + 1);
    }
    if (old->lang) {
        lang = keep.len;
        hx_buf_add(&keep, old->lang, strlen(old->lang) + 1);
    }
    const char *format = old->format; /* a stage's static name */
    int was_name = set->name == old->path;
    hx_doc_free(old);
    struct hx_doc *doc = hx_doc_new(keep.data);
    doc->source = src ? hx_strdup(doc->arena, keep.data + src) : NULL;
    doc->lang = lang ? hx_strdup(doc->arena, keep.data + lang) : NULL;
    doc->format = format;
    doc->failed = 1;
    if (was_name)
        set->name = doc->path;
    set->docs[d] = doc;
    hx_buf_free(&keep);
}

enum call { CALL_READ, CALL_DOC, CALL_SET };

/* Runs one stage callback on document d (CALL_SET: on the whole set)
 * inside an out-of-memory catch: an allocation failure becomes an error
 * on the document (on every document of the set), never a crash. */
static int call_guarded(struct hx_stage *st, enum call k, struct hx_set *set, size_t d)
{
    struct hx_oom_catch oc;
    hx_oom_push(&oc);
    if (sigsetjmp(oc.jb, 0) == 0) {
        int rc = k == CALL_READ  ? st->f->read(st, set->docs[d])
                 : k == CALL_DOC ? st->f->doc(st, set->docs[d])
                                 : st->f->set(st, set);
        hx_oom_pop(&oc);
        return rc;
    }
    size_t from = k == CALL_SET ? 0 : d, to = k == CALL_SET ? set->ndocs : d + 1;
    for (size_t i = from; i < to; i++) {
        hx_error(st, set->docs[i], NULL,
                 "out of memory at %zu MB (the limit is %zu MB; see --max-memory); nothing "
                 "written",
                 oc.at, hx_mem_limit() >> 20);
        doc_release(set, i);
    }
    return -1;
}

/* A stage must leave a sound tree; a broken one would crash later stages. */
static void check_tree(struct hx_stage *st, struct hx_doc *doc)
{
    const char *why = doc->failed ? NULL : hx_doc_check(doc);
    if (why) {
        hx_error(st, doc, NULL, "internal error: the stage left a broken tree: %s", why);
        doc->failed = 1;
    }
}

static int read_docs(struct hx_chain *c, struct hx_set *set, struct hx_diags *diags)
{
    for (size_t d = 0; d < set->ndocs; d++) {
        struct hx_doc *doc = set->docs[d];
        struct hx_stage *st = pick_reader(c, doc, diags);
        if (!st) {
            doc->failed = 1;
            continue;
        }
        int *opened = st == &c->stages[0] ? &c->opened[0] : &c->readers_opened[st - c->readers];
        doc->format = st->f->name;
        if (stage_open(st, opened, diags) < 0 || call_guarded(st, CALL_READ, set, d) < 0)
            set->docs[d]->failed = 1;
        check_tree(st, set->docs[d]);
    }
    return 0;
}

/* Writes doc (NULL: the set) to target; out of memory, like any failure
 * of the writer, leaves the target untouched. */
static int write_one(struct hx_chain *c, struct hx_stage *st, struct hx_set *set,
                     struct hx_doc *doc, const char *target)
{
    struct hx_output out;
    struct hx_oom_catch oc;
    char err[1024];
    if (hx_output_open(&out, target, set, err, sizeof err) < 0) {
        hx_error(st, doc, NULL, "%s", err);
        return -1;
    }
    hx_oom_push(&oc);
    if (sigsetjmp(oc.jb, 0) != 0) {
        hx_output_abort(&out);
        hx_error(st, doc, NULL,
                 "out of memory at %zu MB while writing (the limit is %zu MB; see "
                 "--max-memory); nothing written",
                 oc.at, hx_mem_limit() >> 20);
        return -1;
    }
    int rc = doc ? st->f->write(st, doc, &out) : st->f->write_set(st, set, &out);
    hx_oom_pop(&oc);
    if (rc < 0) {
        hx_output_abort(&out);
        return -1;
    }
    unsigned long links = out.links;
    char *tmp = NULL, *final = NULL;
    if ((c->landed ? hx_output_close_deferred(&out, &tmp, &final, err, sizeof err)
                   : hx_output_commit(&out, err, sizeof err)) < 0) {
        hx_error(st, doc, NULL, "%s", err);
        return -1;
    }
    if (tmp)
        c->landed(c->landed_ud, tmp, final);
    if (links > 1)
        hx_warn(st, doc, NULL,
                "%s had %lu names (hard links): it was replaced by a new file, the other names "
                "keep the old content",
                target, links);
    return 0;
}

static int write_docs(struct hx_chain *c, struct hx_set *set, const char *out)
{
    size_t w = c->n - 1;
    struct hx_stage *st = &c->stages[w];
    int rc = 0;
    if (!out)
        out = "-";
    if (st->f->write_set) {
        for (size_t d = 0; d < set->ndocs; d++)
            if (set->docs[d]->failed)
                rc = -1;
        /* A report over a set with a missing member would mislead. */
        if (rc == 0 && write_one(c, st, set, NULL, out) < 0)
            rc = -1;
        return rc;
    }
    struct stat sb;
    /* Several documents, or an existing directory as -o: one file each. */
    int into_dir =
        strcmp(out, "-") != 0 && (set->ndocs > 1 || (stat(out, &sb) == 0 && S_ISDIR(sb.st_mode)));
    if (into_dir) {
        if (stat(out, &sb) != 0 && mkdir(out, 0777) != 0 && errno != EEXIST) {
            hx_diags_add(st->diags, HX_SEV_ERROR, out, 0, st->f->name, NULL,
                         "cannot create the output directory: %s", strerror(errno));
            return -1;
        }
        if (stat(out, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
            hx_diags_add(st->diags, HX_SEV_ERROR, out, 0, st->f->name, NULL,
                         "several outputs need a directory, and this is not one");
            return -1;
        }
    }
    const char **targets = hx_alloc(set->arena, (set->ndocs + 1) * sizeof *targets);
    for (size_t d = 0; d < set->ndocs; d++) {
        struct hx_doc *doc = set->docs[d];
        targets[d] = out;
        if (into_dir)
            targets[d] =
                hx_output_name(set->arena, out, doc->path, st->f->ext ? st->f->ext : "out");
        /* Two inputs named alike ("a/x.txt b/x.docx") must not overwrite
         * each other's output; batch refuses the same way. */
        for (size_t k = 0; into_dir && k < d; k++)
            if (targets[k] && strcmp(targets[k], targets[d]) == 0) {
                hx_diags_add(st->diags, HX_SEV_ERROR, doc->path, 0, st->f->name, NULL,
                             "its output %s would overwrite that of %s; convert it separately",
                             targets[d], set->docs[k]->path);
                doc->failed = 1;
                targets[d] = NULL;
                break;
            }
    }
    for (size_t d = 0; d < set->ndocs; d++) {
        struct hx_doc *doc = set->docs[d];
        if (doc->failed) {
            rc = -1;
            continue;
        }
        const char *target = targets[d];
        if (write_one(c, st, set, doc, target) < 0) {
            doc->failed = 1;
            rc = -1;
        }
    }
    return rc;
}

void hx_chain_defer(struct hx_chain *c, void (*landed)(void *ud, char *tmp, char *final), void *ud)
{
    c->landed = landed;
    c->landed_ud = ud;
}

int hx_chain_open(struct hx_chain *c, struct hx_diags *diags)
{
    for (size_t i = 1; i < c->n; i++)
        if (stage_open(&c->stages[i], &c->opened[i], diags) < 0)
            return -1;
    return 0;
}

int hx_chain_run(struct hx_chain *c, struct hx_set *set, const char *out, struct hx_diags *diags)
{
    read_docs(c, set, diags);
    for (size_t i = 1; i + 1 < c->n; i++) {
        struct hx_stage *st = &c->stages[i];
        if (stage_open(st, &c->opened[i], diags) < 0) {
            for (size_t d = 0; d < set->ndocs; d++)
                set->docs[d]->failed = 1;
            break;
        }
        if (st->f->set) {
            if (call_guarded(st, CALL_SET, set, 0) < 0)
                for (size_t d = 0; d < set->ndocs; d++)
                    set->docs[d]->failed = 1;
        } else if (st->f->doc) {
            for (size_t d = 0; d < set->ndocs; d++)
                if (!set->docs[d]->failed && call_guarded(st, CALL_DOC, set, d) < 0)
                    set->docs[d]->failed = 1;
        }
        for (size_t d = 0; d < set->ndocs; d++)
            check_tree(st, set->docs[d]);
    }
    struct hx_stage *w = &c->stages[c->n - 1];
    if (stage_open(w, &c->opened[c->n - 1], diags) < 0)
        return -1;
    return write_docs(c, set, out);
}

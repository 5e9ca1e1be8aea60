/* Expanding, sorting, sharding and naming a batch's inputs; see
 * batch_plan.h. */
#include "batch_plan.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "arena.h"
#include "filter.h"
#include "output.h"

/* Directory trees deeper than this are not walked further (a loop made of
 * bind mounts, say); the walk says so. */
enum { MAX_DEPTH = 64 };

struct found {
    const char *path, *rel; /* rel: the path below its root; NULL = file named alone */
};

struct walk {
    struct hx_arena *a;
    struct found *v;
    size_t n, cap;
    const char *exts;
    struct hx_diags *diags;
};

static void add_found(struct walk *w, const char *path, const char *rel)
{
    w->v = hx_arena_grow(w->a, w->v, w->n, &w->cap, sizeof *w->v, 64);
    w->v[w->n++] = (struct found){path, rel};
}

/* Is the extension of name one of exts (space-separated), or, with exts
 * NULL, one some reader claims? */
static int ext_selected(const char *name, const char *exts)
{
    const char *dot = strrchr(name, '.');
    if (!dot || dot == name)
        return 0;
    dot++;
    size_t n = strlen(dot);
    for (const struct hx_filter *const *f = hx_registry; *f; f++) {
        const char *list = exts ? exts : (*f)->kind == HX_READER ? (*f)->exts : NULL;
        for (const char *p = list ? list : ""; *p;) {
            size_t len = strcspn(p, " ,");
            if (len == n && strncasecmp(p, dot, n) == 0)
                return 1;
            p += len + (p[len] != 0);
        }
        if (exts)
            break;
    }
    return 0;
}

/* a, then sep (if not 0), then b, in the arena: the walk makes two paths
 * a file, and printf's machinery was most of a 100,000-file walk. */
static char *join(struct hx_arena *ar, const char *a, char sep, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    char *s = hx_alloc(ar, la + lb + 2);
    memcpy(s, a, la);
    if (sep)
        s[la++] = sep;
    memcpy(s + la, b, lb + 1);
    return s;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Walks dir (whose path below the root is rel, "" at the root) in name
 * order, so that the result does not depend on the file system's order. */
static void walk_dir(struct walk *w, const char *dir, const char *rel, int depth)
{
    if (depth > MAX_DEPTH) {
        hx_diags_add(w->diags, HX_SEV_ERROR, dir, 0, "batch", NULL,
                     "more than %d directories deep; not walked further", MAX_DEPTH);
        return;
    }
    DIR *dp = opendir(dir);
    if (!dp) {
        hx_diags_add(w->diags, HX_SEV_ERROR, dir, 0, "batch", NULL, "cannot read the directory: %s",
                     strerror(errno));
        return;
    }
    const char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(dp)) != NULL) {
        if (de->d_name[0] == '.') /* ., .., hidden files and our own state */
            continue;
        names = hx_arena_grow(w->a, names, n, &cap, sizeof *names, 32);
        names[n++] = hx_strdup(w->a, de->d_name);
    }
    closedir(dp);
    if (n)
        qsort(names, n, sizeof *names, cmp_names);
    for (size_t i = 0; i < n; i++) {
        const char *path = join(w->a, dir, '/', names[i]);
        const char *sub = *rel ? join(w->a, rel, '/', names[i]) : names[i];
        struct stat sb;
        if (lstat(path, &sb) != 0)
            continue;
        if (S_ISDIR(sb.st_mode)) /* a symbolic link to a directory is not followed */
            walk_dir(w, path, sub, depth + 1);
        else if ((S_ISREG(sb.st_mode) || S_ISLNK(sb.st_mode)) && ext_selected(names[i], w->exts))
            add_found(w, path, sub);
    }
}

/* The directory part of path ("" for none). */
static size_t dir_len(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? (size_t)(slash - path) : 0;
}

/* Reads a manifest: one path a line; entries are mirrored by their path
 * below the directory all of them share. */
static void read_manifest(struct walk *w, const char *file)
{
    FILE *fp = fopen(file, "r");
    if (!fp) {
        hx_diags_add(w->diags, HX_SEV_ERROR, file, 0, "batch", NULL, "cannot read the manifest: %s",
                     strerror(errno));
        return;
    }
    size_t first = w->n, common = (size_t)-1;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, fp)) > 0) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = 0;
        if (!len || line[0] == '#')
            continue;
        add_found(w, hx_strndup(w->a, line, (size_t)len), NULL);
    }
    free(line);
    fclose(fp);
    /* the longest directory prefix (ending at a '/') of every entry */
    for (size_t i = first; i < w->n; i++) {
        const char *p = w->v[i].path, *q = w->v[first].path;
        size_t k = 0, d = 0, lim = dir_len(p);
        while (k < lim && p[k] == q[k]) {
            k++;
            if (p[k] == '/')
                d = k;
        }
        if (k == lim && lim <= dir_len(q) && (q[lim] == '/'))
            d = lim;
        common = d < common ? d : common;
    }
    for (size_t i = first; i < w->n; i++) {
        const char *p = w->v[i].path;
        w->v[i].rel = common && common != (size_t)-1 ? p + common + 1 : p;
        while (w->v[i].rel[0] == '/' || !strncmp(w->v[i].rel, "./", 2))
            w->v[i].rel += w->v[i].rel[0] == '/' ? 1 : 2;
    }
}

/* rel with its extension replaced by ext, under outdir; ".." components
 * become "_" so that a mirrored name never leaves outdir. */
static char *mirrored(struct hx_arena *a, const char *outdir, const char *rel, const char *ext)
{
    struct hx_arena *tmp = a;
    char *s = hx_strdup(tmp, rel);
    for (char *p = s; *p; p++)
        if (p[0] == '.' && p[1] == '.' && (p == s || p[-1] == '/') && (p[2] == '/' || !p[2]))
            p[0] = p[1] = '_';
    char *base = strrchr(s, '/');
    char *dot = strrchr(base ? base + 1 : s, '.');
    if (dot && dot != (base ? base + 1 : s))
        *dot = 0;
    return join(a, join(a, outdir, '/', s), '.', ext);
}

/* FNV-1a, for the set of output names. */
static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static int cmp_items(const void *a, const void *b)
{
    const struct hx_batch_item *x = a, *y = b;
    return strcmp(x->path, y->path);
}

/* Creates the directories above target (below outdir, which exists). */
static void make_parents(char *target, size_t from)
{
    for (char *p = target + from + 1; (p = strchr(p, '/')) != NULL; p++) {
        *p = 0;
        mkdir(target, 0777);
        *p = '/';
    }
}

int hx_batch_plan_make(struct hx_batch_plan *plan, struct hx_arena *a, char *const *args,
                       size_t nargs, const char *outdir, const char *ext,
                       const struct hx_batch_select *sel, struct hx_diags *diags)
{
    struct walk w = {a, NULL, 0, 0, sel ? sel->exts : NULL, diags};
    memset(plan, 0, sizeof *plan);
    for (size_t i = 0; i < nargs; i++) {
        struct stat sb;
        if (args[i][0] == '@')
            read_manifest(&w, args[i] + 1);
        else if (stat(args[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
            size_t before = w.n;
            walk_dir(&w, args[i], "", 0);
            if (w.n == before)
                hx_diags_add(diags, HX_SEV_WARNING, args[i], 0, "batch", NULL,
                             "no document in this directory (extensions: %s)",
                             w.exts ? w.exts : "those the readers claim; see --ext");
        } else
            add_found(&w, args[i], NULL);
    }
    /* Output names, checked in the order given: the first input keeps its
     * name, a later one with the same output is refused. */
    size_t slots = 16;
    while (slots < w.n * 2)
        slots *= 2;
    const char **set = hx_alloc(a, slots * sizeof *set);
    plan->v = hx_alloc(a, (w.n ? w.n : 1) * sizeof *plan->v);
    for (size_t i = 0; i < w.n; i++) {
        const char *target = w.v[i].rel ? mirrored(a, outdir, w.v[i].rel, ext)
                                        : hx_output_name(a, outdir, w.v[i].path, ext);
        size_t h = (size_t)(hash_str(target) & (slots - 1)), k;
        for (k = h; set[k]; k = (k + 1) & (slots - 1))
            if (!strcmp(set[k], target))
                break;
        if (set[k]) {
            const char *first = NULL;
            for (size_t j = 0; j < plan->n && !first; j++)
                if (!strcmp(plan->v[j].target, target))
                    first = plan->v[j].path;
            hx_diags_add(diags, HX_SEV_ERROR, w.v[i].path, 0, "batch", NULL,
                         "its output %s would overwrite that of %s; convert it separately", target,
                         first ? first : "another input");
            plan->refused++;
            continue;
        }
        set[k] = target;
        plan->v[plan->n++] = (struct hx_batch_item){w.v[i].path, target};
    }
    /* a directory walk gives its files in order already */
    size_t sorted = 1;
    while (sorted < plan->n && cmp_items(&plan->v[sorted - 1], &plan->v[sorted]) <= 0)
        sorted++;
    if (sorted < plan->n)
        qsort(plan->v, plan->n, sizeof *plan->v, cmp_items);
    plan->total = plan->n;
    if (sel && sel->shards > 1) {
        size_t kept = 0;
        for (size_t i = 0; i < plan->n; i++)
            if (i % sel->shards == sel->shard)
                plan->v[kept++] = plan->v[i];
        plan->n = kept;
    }
    size_t olen = strlen(outdir);
    for (size_t i = 0; i < plan->n; i++)
        if (strchr(plan->v[i].target + olen + 1, '/'))
            make_parents((char *)plan->v[i].target, olen);
    return 0;
}

static int env_uint(const char *name, unsigned *v)
{
    const char *s = getenv(name);
    char *end;
    if (!s || !*s)
        return 0;
    unsigned long x = strtoul(s, &end, 10);
    if (*end || x > 1000000)
        return 0;
    *v = (unsigned)x;
    return 1;
}

int hx_batch_shard_from_env(unsigned *shard, unsigned *shards, unsigned shards_opt)
{
    unsigned id, count, min = 0;
    if (env_uint("SLURM_ARRAY_TASK_ID", &id) && env_uint("SLURM_ARRAY_TASK_COUNT", &count)) {
        /* an array --array=1-4 numbers its tasks from 1 */
        env_uint("SLURM_ARRAY_TASK_MIN", &min);
        if (id < min || id - min >= count)
            return 0;
        *shard = id - min;
        *shards = count;
        return 1;
    }
    if (shards_opt > 1 && env_uint("JOB_COMPLETION_INDEX", &id) && id < shards_opt) {
        *shard = id;
        *shards = shards_opt;
        return 1;
    }
    return 0;
}

/* ---- --align: the versions of one document ---------------------------- */

/* Does s[0..n) look like a language tag: 2 or 3 lowercase letters, perhaps
 * with a region or script ("zh", "ar-EG", "zh-Hans")? */
static int lang_like(const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && s[k] >= 'a' && s[k] <= 'z')
        k++;
    if (k < 2 || k > 3)
        return 0;
    if (k == n)
        return 1;
    if (s[k] != '-' || n - k - 1 < 2 || n - k - 1 > 4)
        return 0;
    for (k++; k < n; k++)
        if (!((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z') ||
              (s[k] >= '0' && s[k] <= '9')))
            return 0;
    return 1;
}

/* Target's stem (no directory, no extension) as [*stem, *stem + *len). */
static void stem_of(const char *target, const char **stem, size_t *len)
{
    const char *slash = strrchr(target, '/'), *base = slash ? slash + 1 : target;
    const char *dot = strrchr(base, '.');
    *stem = base;
    *len = dot && dot != base ? (size_t)(dot - base) : strlen(base);
}

/* The group key of a target under rule, in a; NULL when it does not fit. */
static const char *group_key(struct hx_arena *a, const char *target, enum hx_group_rule rule)
{
    const char *stem;
    size_t len;
    stem_of(target, &stem, &len);
    const char *dot = memchr(stem, '.', len), *last = dot;
    while (last && (dot = memchr(last + 1, '.', len - (size_t)(last + 1 - stem))) != NULL)
        last = dot;
    int suffix = last && lang_like(last + 1, len - (size_t)(last + 1 - stem));
    if (rule == HX_GROUP_SUFFIX || (rule == HX_GROUP_AUTO && suffix))
        return suffix ? hx_strndup(a, target, (size_t)(last - target)) : NULL;
    if (!lang_like(stem, len) || stem == target)
        return NULL;
    return hx_strndup(a, target, (size_t)(stem - 1 - target)); /* the directory */
}

static int cmp_keys(const void *x, const void *y)
{
    const char *const *a = x, *const *b = y;
    int c = strcmp(a[0], b[0]);
    return c ? c : strcmp(a[1], b[1]);
}

size_t hx_batch_groups(const struct hx_batch_plan *plan, enum hx_group_rule rule, const char *ext,
                       struct hx_arena *a, struct hx_batch_group **groups)
{
    /* (key, target, index) triples sorted by key then target */
    const char **keyed = hx_alloc(a, (plan->n ? plan->n : 1) * 3 * sizeof *keyed);
    size_t m = 0;
    for (size_t i = 0; i < plan->n; i++) {
        const char *key = group_key(a, plan->v[i].target, rule);
        if (!key)
            continue;
        keyed[3 * m] = key;
        keyed[3 * m + 1] = plan->v[i].target;
        keyed[3 * m + 2] = (const char *)(uintptr_t)i;
        m++;
    }
    if (m)
        qsort(keyed, m, 3 * sizeof *keyed, cmp_keys);
    struct hx_batch_group *g = hx_alloc(a, (m ? m : 1) * sizeof *g);
    size_t ng = 0;
    for (size_t i = 0; i < m;) {
        size_t j = i;
        while (j < m && !strcmp(keyed[3 * j], keyed[3 * i]))
            j++;
        const char *key = keyed[3 * i];
        int by_dir = rule == HX_GROUP_DIR ||
                     (rule == HX_GROUP_AUTO && strlen(key) < strlen(keyed[3 * i + 1]) &&
                      keyed[3 * i + 1][strlen(key)] == '/');
        g[ng].report = by_dir ? join(a, join(a, key, '/', "align"), '.', ext)
                              : join(a, join(a, key, '.', "align"), '.', ext);
        g[ng].items = hx_alloc(a, (j - i) * sizeof *g[ng].items);
        for (size_t k = i; k < j; k++)
            g[ng].items[g[ng].n++] = (size_t)(uintptr_t)keyed[3 * k + 2];
        ng++;
        i = j;
    }
    *groups = g;
    return ng;
}

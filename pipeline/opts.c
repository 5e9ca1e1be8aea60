/* Stage options: "k=v,k=v" into the stage's private struct; see chain.h. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chain.h"

static const struct hx_opt *find_opt(const struct hx_filter *f, const char *key, size_t n)
{
    for (const struct hx_opt *o = f->opts; o && o->key; o++)
        if (strlen(o->key) == n && strncmp(o->key, key, n) == 0)
            return o;
    return NULL;
}

static void list_keys(const struct hx_filter *f, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = 0;
    for (const struct hx_opt *o = f->opts; o && o->key && used < len; o++)
        used += (size_t)snprintf(buf + used, len - used, "%s%s", used ? ", " : "", o->key);
    if (!buf[0])
        snprintf(buf, len, "none");
}

static void list_choices(const struct hx_opt *o, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = 0;
    for (const char *const *c = o->choices; c && *c && used < len; c++)
        used += (size_t)snprintf(buf + used, len - used, "%s%s", used ? "|" : "", *c);
}

/* Stores one value; 0 or -1 with err filled. */
static int set_value(const struct hx_filter *f, const struct hx_opt *o, void *priv, const char *val,
                     struct hx_arena *a, char *err, size_t errlen)
{
    char *field = (char *)priv + o->offset;
    char list[256];
    switch (o->type) {
    case HX_OPT_BOOL:
        if (!val || !strcmp(val, "1") || !strcmp(val, "yes") || !strcmp(val, "true") ||
            !strcmp(val, "on")) {
            *(int *)field = 1;
        } else if (!strcmp(val, "0") || !strcmp(val, "no") || !strcmp(val, "false") ||
                   !strcmp(val, "off")) {
            *(int *)field = 0;
        } else {
            snprintf(err, errlen, "%s: option '%s' takes yes or no, not '%s'", f->name, o->key,
                     val);
            return -1;
        }
        return 0;
    case HX_OPT_INT: {
        char *end;
        errno = 0;
        long v = val ? strtol(val, &end, 10) : 0;
        if (!val || !*val || *end || errno || v < o->min || v > o->max) {
            snprintf(err, errlen, "%s: option '%s' takes a whole number from %d to %d%s%s%s",
                     f->name, o->key, o->min, o->max, val ? ", not '" : "", val ? val : "",
                     val ? "'" : "");
            return -1;
        }
        *(int *)field = (int)v;
        return 0;
    }
    case HX_OPT_STR:
        if (!val) {
            snprintf(err, errlen, "%s: option '%s' needs a value ('%s=…')", f->name, o->key,
                     o->key);
            return -1;
        }
        *(const char **)field = hx_strdup(a, val);
        return 0;
    case HX_OPT_ENUM:
        for (int i = 0; val && o->choices && o->choices[i]; i++)
            if (!strcmp(o->choices[i], val)) {
                *(int *)field = i;
                return 0;
            }
        list_choices(o, list, sizeof list);
        snprintf(err, errlen, "%s: option '%s' takes one of %s%s%s%s", f->name, o->key, list,
                 val ? ", not '" : "", val ? val : "", val ? "'" : "");
        return -1;
    }
    return -1;
}

int hx_opts_parse(const struct hx_filter *f, void *priv, const char *spec, struct hx_arena *a,
                  char *err, size_t errlen)
{
    for (const struct hx_opt *o = f->opts; o && o->key; o++)
        if (o->def && set_value(f, o, priv, o->def, a, err, errlen) < 0)
            return -1;
    const char *p = spec ? spec : "";
    while (*p) {
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        const char *eq = memchr(p, '=', n);
        size_t klen = eq ? (size_t)(eq - p) : n;
        if (n == 0) {
            p += 1;
            continue;
        }
        const struct hx_opt *o = find_opt(f, p, klen);
        if (!o) {
            char keys[256];
            list_keys(f, keys, sizeof keys);
            snprintf(err, errlen, "%s: unknown option '%.*s' (options: %s)", f->name, (int)klen, p,
                     keys);
            return -1;
        }
        char *val = eq ? hx_strndup(a, eq + 1, n - klen - 1) : NULL;
        if (set_value(f, o, priv, val, a, err, errlen) < 0)
            return -1;
        p += n;
        if (*p == ',')
            p++;
    }
    return 0;
}

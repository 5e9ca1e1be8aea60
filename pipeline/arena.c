/* Chunked bump allocator; see arena.h. */
#include "arena.h"

#include "text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CHUNK = 64 * 1024, ALIGN = 16 };

struct chunk {
    struct chunk *next;
    size_t size, used;
    _Alignas(16) unsigned char data[];
};

struct hx_arena {
    struct chunk *head;
    size_t total;
};

/* Out of memory is not recoverable for a converter: say so and stop, which
 * keeps every other path free of allocation checks. */
static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n, size);
    if (!p) {
        fputs("hexaglot: out of memory\n", stderr);
        abort();
    }
    return p;
}

struct hx_arena *hx_arena_new(void)
{
    return xcalloc(1, sizeof(struct hx_arena));
}

void hx_arena_free(struct hx_arena *a)
{
    if (!a)
        return;
    for (struct chunk *c = a->head, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    free(a);
}

void *hx_alloc(struct hx_arena *a, size_t size)
{
    size_t need = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (need < size)
        abort();
    struct chunk *c = a->head;
    if (!c || c->size - c->used < need) {
        size_t cap = need > CHUNK / 4 ? need : CHUNK;
        c = xcalloc(1, sizeof *c + cap);
        c->size = cap;
        /* A large block gets its own chunk behind the current one, so the
         * free space of the current chunk is not abandoned. */
        if (need > CHUNK / 4 && a->head) {
            c->next = a->head->next;
            a->head->next = c;
        } else {
            c->next = a->head;
            a->head = c;
        }
    }
    void *p = c->data + c->used;
    c->used += need;
    a->total += need;
    return p;
}

char *hx_strndup(struct hx_arena *a, const char *s, size_t len)
{
    char *p = hx_alloc(a, len + 1);
    if (len)
        memcpy(p, s, len);
    p[len] = 0;
    return p;
}

char *hx_strdup(struct hx_arena *a, const char *s)
{
    return s ? hx_strndup(a, s, strlen(s)) : NULL;
}

char *hx_vprintf(struct hx_arena *a, const char *fmt, va_list ap)
{
    struct hx_buf b = {0};
    hx_buf_vaddf(&b, fmt, ap);
    char *p = hx_strndup(a, b.data, b.len);
    hx_buf_free(&b);
    return p;
}

char *hx_printf(struct hx_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = hx_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}

void *hx_arena_grow(struct hx_arena *a, void *v, size_t n, size_t *cap, size_t size, size_t first)
{
    if (n < *cap)
        return v;
    size_t ncap = *cap ? *cap * 2 : first;
    if (ncap <= *cap || (size && ncap > SIZE_MAX / size))
        abort();
    void *nv = hx_alloc(a, ncap * size);
    if (n)
        memcpy(nv, v, n * size);
    *cap = ncap;
    return nv;
}

size_t hx_arena_used(const struct hx_arena *a)
{
    return a->total;
}

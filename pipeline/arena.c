/* Chunked bump allocator; see arena.h. */
#include "arena.h"

#include "caps.h"
#include "text.h"

#include <limits.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { CHUNK = 64 * 1024, ALIGN = 16 };

struct chunk {
    struct chunk *next;
    size_t size, used;
    _Alignas(16) unsigned char data[];
};

struct hx_arena {
    struct chunk *head;
    size_t total;
    size_t held; /* bytes of its chunks, counted in mem_held */
};

/* The budget: bytes held by every arena of the process together (the
 * models of the documents being converted), and its limit. */
static size_t mem_held, mem_limit = HX_MEM_DEFAULT_MB << 20;

/* The innermost place an allocation failure returns to (chain.c sets one
 * around every stage callback), or NULL: then the process stops. */
static struct hx_oom_catch *oom_top;
static void (*oom_cleanup)(void);

void hx_mem_set_limit(size_t bytes)
{
    mem_limit = bytes;
}

size_t hx_mem_limit(void)
{
    return mem_limit;
}

size_t hx_limit_input(void)
{
    size_t cap = mem_limit ? mem_limit / HX_MEM_PER_INPUT_BYTE : (size_t)INT_MAX;
    return cap < (size_t)INT_MAX ? cap : (size_t)INT_MAX;
}

size_t hx_mem_held(void)
{
    return mem_held;
}

void hx_oom_push(struct hx_oom_catch *c)
{
    c->prev = oom_top;
    c->at = 0;
    oom_top = c;
}

void hx_oom_pop(struct hx_oom_catch *c)
{
    if (oom_top == c)
        oom_top = c->prev;
}

void hx_oom_on_exit(void (*cleanup)(void))
{
    oom_cleanup = cleanup;
}

_Noreturn void hx_oom(void)
{
    struct hx_oom_catch *c = oom_top;
    size_t mb = (mem_held + (1u << 20) - 1) >> 20;
    if (c) {
        /* Popped before the jump, so that a failure while reporting this
         * one goes to the next catch out, not back here. */
        oom_top = c->prev;
        c->at = mb;
        siglongjmp(c->jb, 1);
    }
    /* No document to blame (the command line, the diagnostics list): stop
     * with exit status 1, leaving no temporary file behind. */
    fprintf(stderr, "hexaglot: error: out of memory at %zu MB (limit %zu MB; see --max-memory)\n",
            mb, mem_limit >> 20);
    if (oom_cleanup)
        oom_cleanup();
    _exit(1);
}

void *hx_xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        hx_oom();
    return p;
}

void *hx_xrealloc(void *p, size_t size)
{
    void *q = realloc(p, size ? size : 1);
    if (!q)
        hx_oom();
    return q;
}

/* A chunk of cap bytes, within the budget. */
static struct chunk *chunk_new(struct hx_arena *a, size_t cap)
{
    size_t bytes = sizeof(struct chunk) + cap;
    if (bytes < cap || (mem_limit && (bytes > mem_limit || mem_held > mem_limit - bytes)))
        hx_oom();
    struct chunk *c = calloc(1, bytes);
    if (!c)
        hx_oom();
    mem_held += bytes;
    a->held += bytes;
    return c;
}

struct hx_arena *hx_arena_new(void)
{
    struct hx_arena *a = calloc(1, sizeof(struct hx_arena));
    if (!a)
        hx_oom();
    return a;
}

void hx_arena_free(struct hx_arena *a)
{
    if (!a)
        return;
    for (struct chunk *c = a->head, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    mem_held -= a->held;
    free(a);
}

void *hx_alloc(struct hx_arena *a, size_t size)
{
    size_t need = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (need < size)
        hx_oom();
    struct chunk *c = a->head;
    if (!c || c->size - c->used < need) {
        size_t cap = need > CHUNK / 4 ? need : CHUNK;
        c = chunk_new(a, cap);
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
        hx_oom();
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

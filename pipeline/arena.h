/* Per-document arena: every node and string of one document lives here and
 * is released at once with the document, so stages never free anything. */
#ifndef HX_ARENA_H
#define HX_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct hx_arena;

/* A new, empty arena; the caller releases it with hx_arena_free. */
struct hx_arena *hx_arena_new(void);

/* Releases the arena and everything allocated from it. NULL is allowed. */
void hx_arena_free(struct hx_arena *a);

/* Zeroed memory for the arena's lifetime; aborts on out-of-memory. */
void *hx_alloc(struct hx_arena *a, size_t size);

/* Room for one more element in an array kept in the arena: while n (the
 * elements in use) is below *cap, returns v; else copies the n elements of
 * size bytes into a new zeroed block of twice the capacity (first, the
 * first time), sets *cap and returns it. The old block stays in the arena
 * until the arena goes; aborts on out-of-memory. */
void *hx_arena_grow(struct hx_arena *a, void *v, size_t n, size_t *cap, size_t size, size_t first);

/* A NUL-terminated copy of the first len bytes of s (s may hold NULs). */
char *hx_strndup(struct hx_arena *a, const char *s, size_t len);

/* A copy of the NUL-terminated s; NULL stays NULL. */
char *hx_strdup(struct hx_arena *a, const char *s);

/* printf into the arena. */
char *hx_printf(struct hx_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* vprintf into the arena. */
char *hx_vprintf(struct hx_arena *a, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

/* Bytes handed out so far (for benchmarks and limits). */
size_t hx_arena_used(const struct hx_arena *a);

#endif

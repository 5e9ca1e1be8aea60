/* Per-document arena: every node and string of one document lives here and
 * is released at once with the document, so stages never free anything. */
#ifndef HX_ARENA_H
#define HX_ARENA_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

struct hx_arena;

/* The memory budget (--max-memory, SECURITY.md): what every arena of the
 * process may hold together, the models of the documents being converted.
 * The default leaves a 2-core, 4 GB worker room for two conversions at
 * once (-j 2) with their libraries, input buffers and the system. */
#define HX_MEM_DEFAULT_MB 1024

/* Sets the budget in bytes (0 = none); the limit now in force; the bytes
 * the arenas hold now. */
void hx_mem_set_limit(size_t bytes);
size_t hx_mem_limit(void);
size_t hx_mem_held(void);

/* Allocation failure (over the budget, or malloc saying no) is an error on
 * the document being converted, not a crash: the runner pushes a catch
 * around each stage callback, and hx_oom jumps back to the innermost one
 * with at = the megabytes held then. Without a catch hx_oom prints the
 * error, runs the cleanup given to hx_oom_on_exit and exits with status 1.
 * Memory the interrupted stage held outside arenas (a library's parser) is
 * lost until the process ends, which is soon: a failed document ends its
 * batch process, and convert goes on only to the next document. */
struct hx_oom_catch {
    sigjmp_buf jb;
    struct hx_oom_catch *prev;
    size_t at;
};
void hx_oom_push(struct hx_oom_catch *c);
void hx_oom_pop(struct hx_oom_catch *c);
void hx_oom_on_exit(void (*cleanup)(void));
_Noreturn void hx_oom(void);

/* malloc and realloc that call hx_oom instead of returning NULL, for
 * buffers that do not belong in an arena. (returns_nonnull tells the
 * compiler so: gcc's -Wformat-overflow under the sanitizers otherwise
 * warns about a NULL destination.) */
__attribute__((returns_nonnull, malloc)) void *hx_xmalloc(size_t size);
__attribute__((returns_nonnull)) void *hx_xrealloc(void *p, size_t size);

/* A new, empty arena; the caller releases it with hx_arena_free. */
struct hx_arena *hx_arena_new(void);

/* Releases the arena and everything allocated from it. NULL is allowed. */
void hx_arena_free(struct hx_arena *a);

/* Zeroed memory for the arena's lifetime; calls hx_oom when it cannot. */
void *hx_alloc(struct hx_arena *a, size_t size);

/* Room for one more element in an array kept in the arena: while n (the
 * elements in use) is below *cap, returns v; else copies the n elements of
 * size bytes into a new zeroed block of twice the capacity (first, the
 * first time), sets *cap and returns it. The old block stays in the arena
 * until the arena goes; calls hx_oom when it cannot. */
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

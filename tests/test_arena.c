#include <stdint.h>

#include "check.h"
#include "hx.h"

int main(void)
{
    struct hx_arena *a = hx_arena_new();
    char *p = hx_alloc(a, 10);
    for (int i = 0; i < 10; i++)
        CHECK(p[i] == 0);
    CHECK(((uintptr_t)p & 15) == 0);
    /* Many small and a few large blocks, all distinct and writable. */
    char *prev = NULL;
    for (int i = 0; i < 20000; i++) {
        char *q = hx_alloc(a, (size_t)(i % 97) + 1);
        q[0] = 'x';
        CHECK(q != prev);
        prev = q;
    }
    char *big = hx_alloc(a, 1 << 20);
    big[(1 << 20) - 1] = 1;
    CHECK_STR(hx_strndup(a, "abcdef", 3), "abc");
    CHECK_STR(hx_strdup(a, "Ω字"), "Ω字");
    CHECK(hx_strdup(a, NULL) == NULL);
    CHECK_STR(hx_printf(a, "%s.%d", "body", 12), "body.12");
    CHECK(hx_arena_used(a) >= (1 << 20));

    /* An arena array: the first block holds first elements, each next one
     * twice as many, the elements kept; no new block while there is room. */
    int *v = NULL;
    size_t n = 0, cap = 0;
    for (int i = 0; i < 100; i++) {
        int *before = v;
        v = hx_arena_grow(a, v, n, &cap, sizeof *v, 16);
        CHECK(n < cap);
        CHECK(n == 0 || (n % 16 == 0 && (n & (n - 1)) == 0) ? v != before : v == before);
        v[n++] = i * 3;
    }
    CHECK_INT((int)cap, 128);
    int kept = 1;
    for (int i = 0; i < 100; i++)
        kept &= v[i] == i * 3;
    CHECK(kept);
    hx_arena_free(a);
    hx_arena_free(NULL);
    return check_done();
}

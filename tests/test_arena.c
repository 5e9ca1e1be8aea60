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
    hx_arena_free(a);
    hx_arena_free(NULL);
    return check_done();
}

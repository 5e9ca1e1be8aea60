/* libFuzzer harness for the txt writer (see fuzz/README.md): plain text
 * through the standard filters into "txt" with options the first byte
 * picks (ids, one of six wrap widths from none to 72), so that wrapping, East Asian
 * widths and key printing see hostile trees. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "chain.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    /* A few widths (each distinct chain is built once and kept). */
    static const int widths[] = {0, 1, 2, 9, 40, 72};
    int wrap = widths[(data[0] & 0x7f) % 6], ids = data[0] >> 7;
    char writer[64], std[512], chain[600];
    snprintf(writer, sizeof writer, "txt:wrap=%d%s", wrap, ids ? ",ids" : "");
    hx_chain_standard(writer, std, sizeof std);
    snprintf(chain, sizeof chain, "text | %s", std);
    data++, size--;
    return hx_fuzz_chain(chain, "txt", "txt", &data, &size, 1);
}

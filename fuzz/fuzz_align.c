/* libFuzzer harness for the align stage and the four report writers (see
 * fuzz/README.md): the readers' harnesses end in the xml writer and never
 * reach them. The input is two documents: the first byte picks the report
 * (tsv, tmx, html, json), the rest is cut at the first "\f" (or in half)
 * into two plain-text versions, read, normalised, aligned and reported. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "chain.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const reports[] = {"tsv", "tmx", "html", "json"};
    if (size < 1)
        return 0;
    const char *report = reports[data[0] % 4];
    data++, size--;
    const uint8_t *cut = memchr(data, '\f', size);
    size_t first = cut ? (size_t)(cut - data) : size / 2;
    const uint8_t *docs[2] = {data, data + first + (cut != NULL)};
    size_t sizes[2] = {first, size - first - (cut != NULL)};
    char tail[64], text[600];
    snprintf(tail, sizeof tail, "align | align-%s", report);
    hx_chain_standard(tail, text, sizeof text);
    char chain[640];
    snprintf(chain, sizeof chain, "text | %s", text);
    return hx_fuzz_chain(chain, "txt", report, docs, sizes, 2);
}

/* libFuzzer harness for the docx reader (see fuzz/README.md). */
#include <stddef.h>
#include <stdint.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return hx_fuzz_run("docx", "docx", data, size);
}

/* align-epub: the parallel edition (not yet). */
#include "epub.h"

static int write_parallel(struct hx_stage *st, struct hx_set *set, struct hx_output *out)
{
    (void)set;
    (void)out;
    hx_error(st, NULL, NULL, "not yet");
    return -1;
}

const struct hx_filter hx_write_align_epub = {
    .name = "align-epub",
    .kind = HX_WRITER,
    .summary = "the parallel edition as EPUB 3.3",
    .ext = "epub",
    .needs = HX_HAS_ALIGN,
    .write_set = write_parallel,
};

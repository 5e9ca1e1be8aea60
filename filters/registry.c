/* The one list of stages. A new stage: one file in filters/, one extern
 * line and one entry below, one line in filters/meson.build. */
#include "hx.h"

/* readers */
extern const struct hx_filter hx_read_html;
/* filters */
/* writers */

const struct hx_filter *const hx_registry[] = {
    /* readers */
    &hx_read_html,
    /* filters */
    /* writers */
    NULL,
};

/* What `-t FMT` runs between the reader and the writer FMT. */
const char hx_standard_filters[] = "";

/* Names for the alignment result (pipeline/align.h). */
#include "align.h"

const char *hx_bead_name(enum hx_bead b)
{
    switch (b) {
    case HX_BEAD_11: return "1-1";
    case HX_BEAD_10: return "1-0";
    case HX_BEAD_01: return "0-1";
    case HX_BEAD_21: return "2-1";
    case HX_BEAD_12: return "1-2";
    }
    return "?";
}

const char *hx_align_flag_name(unsigned flag)
{
    switch (flag) {
    case HX_AF_MISSING: return "missing";
    case HX_AF_MERGED: return "merged";
    case HX_AF_NUMBERS: return "numbers";
    case HX_AF_SYMBOLS: return "symbols";
    case HX_AF_DATES: return "dates";
    case HX_AF_URLS: return "urls";
    case HX_AF_NOTES: return "notes";
    case HX_AF_PUNCT: return "punctuation";
    case HX_AF_LEAD: return "lead";
    case HX_AF_NOTE_TEXT: return "note-text";
    case HX_AF_LENGTH: return "length";
    case HX_AF_RENUMBERED: return "renumbered";
    case HX_AF_MOVED: return "moved";
    default: return "?";
    }
}

enum hx_bead hx_align_row_bead(const struct hx_align *al, const struct hx_align_row *row)
{
    for (size_t d = 0; d < al->ndocs; d++)
        if (row->cells[d].bead != HX_BEAD_11)
            return row->cells[d].bead;
    return HX_BEAD_11;
}

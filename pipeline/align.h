/* The alignment of the language versions of one document, as the `align`
 * stage leaves it in set->align for the report writers: rows of
 * corresponding paragraphs, one cell per document, with the bead each
 * document forms against the row's pivot and the disagreements found. */
#ifndef HX_ALIGN_H
#define HX_ALIGN_H

#include <stddef.h>

#include "doc.h"

/* How one document's paragraphs in a row correspond to the pivot's (the
 * original version: --original, else the version whose masthead says
 * "Original: …" in its own language, else the first): pivot count, then this
 * document's count. */
enum hx_bead {
    HX_BEAD_11, /* one paragraph each */
    HX_BEAD_10, /* the pivot has a paragraph this document lacks */
    HX_BEAD_01, /* this document has a paragraph the pivot lacks */
    HX_BEAD_21, /* two pivot paragraphs merged into one here */
    HX_BEAD_12  /* one pivot paragraph split into two here */
};

/* What disagrees in a row (bits of hx_align_row.flags and kinds of
 * hx_align_issue). */
enum {
    HX_AF_MISSING = 1u << 0,     /* a paragraph has no counterpart (1–0, 0–1) */
    HX_AF_MERGED = 1u << 1,      /* 2–1 or 1–2 bead */
    HX_AF_NUMBERS = 1u << 2,     /* numbers or percentages differ */
    HX_AF_SYMBOLS = 1u << 3,     /* document symbols or resolution numbers differ */
    HX_AF_DATES = 1u << 4,       /* dates differ */
    HX_AF_URLS = 1u << 5,        /* URLs differ */
    HX_AF_NOTES = 1u << 6,       /* footnote reference counts differ */
    HX_AF_PUNCT = 1u << 7,       /* terminal punctuation class differs */
    HX_AF_LEAD = 1u << 8,        /* lead-word class differs */
    HX_AF_NOTE_TEXT = 1u << 9,   /* a footnote's symbols or URLs differ */
    HX_AF_LENGTH = 1u << 10,     /* a paragraph much shorter or longer than the
                                    document's own rows make it */
    HX_AF_RENUMBERED = 1u << 11, /* a range of numbered paragraphs shifted */
    HX_AF_MOVED = 1u << 12       /* a paragraph stands elsewhere (a swap) */
};

/* One disagreement: its kind, the document it is blamed on, and the
 * evidence as one line naming the languages ("numbers: fr 78 / en zh 87"). */
struct hx_align_issue {
    unsigned kind; /* one HX_AF_* bit */
    size_t doc;    /* index into set->docs */
    unsigned line; /* in that document: its paragraph, or the one before */
    const char *msg;
    const char *say;     /* the evidence in a reviser's words, or NULL */
    const char **values; /* per document: the values at odds, comma-separated
                            as in msg ("57%", "2021-11-24"), NULL where none
                            or not known; for reports that mark them */
    int note;            /* information only (a graded lead word, an accepted flag):
                            a note, not a warning, and no flag of the row */
    int accepted;        /* listed in the reviewer's --accept file */
    struct hx_align_issue *next;
};

/* One document's share of a row. */
struct hx_align_cell {
    struct hx_node *node[2]; /* its paragraphs here: none, one, or two (1–2) */
    int n;                   /* how many of node[] are set */
    enum hx_bead bead;       /* against the pivot */
    int merged_up;           /* 2–1: this row's pivot paragraph is in the
                                previous row's cell of this document */
    const char *text;        /* the paragraphs' text (NUL-terminated) */
    int notes;               /* footnote references in it */
};

struct hx_align_row {
    const char *key;               /* the pivot's key when it has a paragraph here (a
                                      version's counted keys shift after a deletion, the
                                      pivot's, with the most paragraphs, do not), else
                                      the first version's: the key diagnostics name */
    const char *part;              /* first key component: "body", "res1", "annex", "fn"… */
    const char *lead;              /* lead-word class (the first one found), or NULL */
    double confidence;             /* 0..1: how sure the pairing is (lengths, tokens, keys) */
    unsigned flags;                /* HX_AF_* warnings found in this row */
    unsigned noted;                /* HX_AF_* notes (information only) */
    struct hx_align_cell *cells;   /* one per document, in set order */
    struct hx_align_issue *issues; /* in the order found */
};

/* The result, allocated in set->arena. */
struct hx_align {
    size_t ndocs;       /* == set->ndocs */
    const char **langs; /* display names: the language, with "#2" etc. added
                           when two documents share one */
    const char **tags;  /* the BCP 47 language of each document ("und") */
    struct hx_align_row *rows;
    size_t nrows;
    size_t flagged;  /* rows with any flag */
    size_t original; /* index of the original version: rows keep its keys */
};

/* Name of a bead as printed ("1-1", "1-0", "0-1", "2-1", "1-2"). */
const char *hx_bead_name(enum hx_bead b);

/* Name of one HX_AF_* bit ("missing", "numbers"…); "?" for others. */
const char *hx_align_flag_name(unsigned flag);

/* The worst bead of a row (the first non 1–1 cell, else 1–1). */
enum hx_bead hx_align_row_bead(const struct hx_align *al, const struct hx_align_row *row);

#endif

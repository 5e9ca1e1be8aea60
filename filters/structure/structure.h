/* Private to the structure stage (only the files of filters/structure/ include it):
 * the tables of language data it recognises UN document parts by
 * (filters/structure/data/, loaded by lexicon.c), so adding a language or a
 * lead word never touches C, and the helpers of its other files.
 *
 * Phrases are compared after ICU case folding, with U+2019 read as an
 * apostrophe; Latin, Cyrillic and Arabic phrases must end at a word
 * boundary, Chinese ones need not. */
#ifndef HX_FILTERS_STRUCTURE_H
#define HX_FILTERS_STRUCTURE_H

#include <stddef.h>
#include <stdint.h>

/* The stage's data, one table per kind beside it in filters/structure/data/
 * (compiled in by scripts/tsv2c.py; every cell a string):
 *   lead_words.tsv    class, lang, text: a rendering of a lead-word class
 *   lead_classes.tsv  class, family, degree: the classes, graded families
 *   phrases.tsv       list, lang, text: masthead, formula, part phrases
 *   labels.tsv        kind, lang, value, text: words that print a number
 *   ordinals.tsv      lang, value, text: ordinals spelled out ("seventy-sixth") */
extern const char *const hx_structure_lead_words[][3];
extern const size_t hx_structure_lead_words_rows;
extern const char *const hx_structure_lead_classes[][3];
extern const size_t hx_structure_lead_classes_rows;
extern const char *const hx_structure_phrases[][3];
extern const size_t hx_structure_phrases_rows;
extern const char *const hx_structure_labels[][4];
extern const size_t hx_structure_labels_rows;
extern const char *const hx_structure_ordinals[][3]; /* lang, value, text */
extern const size_t hx_structure_ordinals_rows;

struct hx_doc;
struct hx_node;

/* --- phrase tables (lexicon.c loads them; text.c matches) ---- */

/* The classes one lead-word rendering stands for, as node->lead records
 * them: '|'-separated in alphabetical order ("recognize|whereas"), and the
 * same with "also" and "further" ("recall" -> "recall.also"; a class that
 * has its modifier keeps it). */
struct lead_set {
    char *cls, *also, *further;
};

/* One folded lead-word rendering and the classes it stands for. */
struct lead_phrase {
    const char *text; /* in structure_tables.lead_text */
    size_t len;
    const struct lead_set *set;
};

/* One ordinal of ordinals.tsv (kept folded there). */
struct ordinal {
    const char *text;
    size_t len;
    const char *lang;
    int value;
};

/* A list of phrases of phrases.tsv, folded: text holds them '|'-separated;
 * v[first[b]..first[b+1]) are those whose first byte is b, so a text is
 * compared with the few that can match where it starts. */
struct phrase_list {
    char *text;
    struct phrase {
        const char *s; /* in text */
        size_t len;
    } * v;
    size_t n;
    size_t first[257];
};

/* The phrase lists of phrases.tsv and the lead words, case-folded once
 * when the stage opens; everything is malloc'd and released by
 * structure_tables_free. */
struct structure_tables {
    struct phrase_list *formulas, *formula_pre, *transitions, *annex, *preamble, *article,
        *article_first, *known_heads, *session, *agenda, *rapporteur, *report_of, *report_of_zh,
        *un, *issuer, *distr, *original, *language, *draft_res, *draft_dec, *also_pre, *also_post,
        *further_pre, *further_post, *organ_heads, *organ_ends_zh, *sponsor, *report_subject;
    char *lead_text;           /* the lead words folded, NUL-separated */
    struct lead_phrase *leads; /* each text once, in buckets by first byte */
    size_t nleads;
    size_t first[257]; /* leads[first[b]..first[b+1]) start with byte b */
    struct lead_set *sets;
    size_t nsets;
    struct ordinal *ordinals; /* in buckets by first byte */
    size_t nordinals;
    size_t ord_first[257]; /* ordinals[ord_first[b]..ord_first[b+1]) start with b */
};

/* Fills t from the data; 0, or -1 when ICU cannot fold or a table is
 * inconsistent (a rendering of an unknown class, a graded class not named
 * FAMILY:DEGREE), with a reason in *why (t is then still safe to free). */
int structure_tables_load(struct structure_tables *t, const char **why);

/* Releases what structure_tables_load allocated. */
void structure_tables_free(struct structure_tables *t);

/* The text of n as hx_node_text gives it (notes inside left out), its
 * length in *len (if not NULL): a text node's own text when n holds one,
 * else a copy in doc's arena. Read only. */
const char *structure_text(struct hx_doc *doc, const struct hx_node *n, size_t *len);

/* A case-folded copy of s[0..len) (U+2019 read as an apostrophe) in
 * malloc'd memory with its length in *out_len; NULL if ICU refuses. */
char *structure_fold(const char *s, size_t len, size_t *out_len);

/* Does a word end after the first n bytes of s[0..len) (its end, or a
 * character that is no letter, digit or diacritic next; after a Han
 * character always)? */
int structure_ends_word(const char *s, size_t len, size_t n);

/* Does folded phrase ph[0..n) match at the start of folded s and end at a
 * word boundary (phrases ending in a Han character need none)? */
int structure_match_at(const char *s, size_t len, const char *ph, size_t n);

/* Length of the longest phrase of a folded list matching at the start of
 * folded s and ending at a word boundary; 0 when none does. */
size_t structure_phrase_prefix(const struct phrase_list *list, const char *s, size_t len);

/* Does any phrase of the list occur in folded s? */
int structure_phrase_within(const struct phrase_list *list, const char *s, size_t len);

/* The lead-word class starting folded s, or NULL; *used (if not NULL)
 * receives the bytes matched. */
const char *structure_lead_of(const struct structure_tables *t, const char *s, size_t len,
                              size_t *used);

/* The number of an article heading ("Article 12", "Article premier",
 * "第十二条", "المادة 12"), t the text and f its folded form; 0 if not one. */
int structure_article_number(const struct structure_tables *t, const char *s, size_t len,
                             const char *f, size_t flen);

/* 1 when folded f is a draft resolution's heading ("Draft resolution
 * II"), 2 a draft decision's ("Draft decision"), else 0. */
int structure_draft_heading(const struct structure_tables *p, const char *f, size_t flen);

/* Is folded f exactly a formula ("The General Assembly,")? */
int structure_is_formula(const struct structure_tables *t, const char *f, size_t flen);

/* Is folded f the formula of an organ the formula list does not name
 * ("The Commission on Narcotic Drugs,", "麻醉药品委员会，")? Short, ending
 * with a comma; the caller checks that a lead word follows. */
int structure_is_organ_formula(const struct structure_tables *p, const char *f, size_t flen);

/* Offset in folded f past a transition ("Now, therefore,") and a formula
 * at its start, as in the closing paragraph of an instrument's preamble. */
size_t structure_skip_intro(const struct structure_tables *t, const char *f, size_t flen);

/* --- labels (label.c) ------------------------------------------ */

enum structure_lab {
    SL_NONE,
    SL_NUM,    /* "12.", "١٢.", "12 - " */
    SL_ROMAN,  /* "IV.", "رابعا - " */
    SL_ZH,     /* "四.", "四、" */
    SL_LETTER, /* "B." heading, "باء - " */
    SL_SUB     /* "(a)", "a)", "(ii)", "(一)", "б)", "أ)", "’1‘" */
};

/* A label recognised at the start of a text. */
struct structure_label {
    enum structure_lab kind;
    size_t len;  /* bytes of the label and the spaces after it */
    size_t plen; /* bytes of the printed label */
    int num;     /* its value (letters: a = 1) */
    int roman;   /* SL_SUB: value when the token is also a roman numeral */
    int letter;  /* SL_SUB: 1 when the token is a single letter */
};

/* The label at the start of s[0..len), kind SL_NONE when there is none. */
struct structure_label structure_label_scan(const char *s, size_t len);

/* Value of the Chinese numeral at s[*i] ("九十九", "一百零五"), moving *i
 * past it; -1 when there is none. */
int structure_zh_number(const char *s, size_t len, size_t *i);

/* Value of up to max_digits decimal digits of any script at s[*i], moving
 * *i past them; -1 when there are none. */
int structure_digits(const char *s, size_t len, size_t *i, int max_digits);

/* Position of a Latin or Cyrillic letter in its alphabet (a = 1). */
int structure_letter_pos(int32_t c);

/* Offset of the first non-space at or after i. */
size_t structure_skip_spaces(const char *s, size_t len, size_t i);

/* "a".."z", "aa".. for position pos (1-based), in doc's arena. */
const char *structure_key_letters(struct hx_doc *doc, int pos);

/* Lower-case roman numeral of v (1..3999), in doc's arena. */
const char *structure_key_roman(struct hx_doc *doc, int v);

/* The first number in s (digits, else a Chinese numeral) as decimal text
 * in doc's arena, or NULL. */
const char *structure_number_in(struct hx_doc *doc, const char *s, size_t len);

/* The ordinal spelled out at the start of s or after one of its words
 * ("Seventy-sixth session" -> "76", "الدورة السادسة والسبعون"), looked up
 * in ordinals.tsv's rows for lang, as decimal text in doc's arena; NULL
 * when none is there. */
const char *structure_spelled_number(const struct structure_tables *p, struct hx_doc *doc,
                                     const char *lang, const char *s, size_t len);

/* Is s a short line holding a date: a year 1945-2099 and a day number,
 * neither in parentheses? */
int structure_is_date(const char *s, size_t len);

/* --- front matter and note markers (front.c) ------------------ */

/* Recognises masthead block n (text t, folded f; next is the block after
 * it): sets its role and the document metadata it gives, and returns its
 * key ("front.symbol", "front.title"…); NULL for a line that is none of
 * them or whose key is taken (the caller counts it from the one before).
 * *seen records the lines met (bit 1: the title), so a later line naming
 * a programme or a session is no second agenda or session line. */
const char *structure_masthead(struct hx_doc *doc, const struct structure_tables *p,
                               struct hx_node *n, const char *t, size_t len, const char *f,
                               size_t flen, const struct hx_node *next, unsigned *seen);

/* Is folded f exactly the name of an issuing organ ("General Assembly",
 * "大会"), as a masthead prints it above the symbol? */
int structure_is_issuer(const struct structure_tables *p, const char *f, size_t flen);

/* Before the walk: markers printed in parentheses ("(¹)") lose them, a
 * block opening with a marker becomes a footnote text, and in Arabic
 * blocks a "(N)" glued to a word becomes a marker when a later block
 * opens "(N) " (that block becomes its footnote text); a block opening
 * "(N) " that no marker calls is a footnote text too when it sits with
 * footnote texts or after its part's last paragraph (p: the phrases that
 * open a part). */
void structure_note_markers(struct hx_doc *doc, const struct structure_tables *p);

/* --- edits (edit.c) -------------------------------------------- */

/* Moves label l from the start of n's first text into n->label. */
void structure_take_label(struct hx_doc *doc, struct hx_node *n, const struct structure_label *l);

/* Does c end a clause or sentence (. 。 ; ； : ： ! ? and Arabic forms)? */
int structure_is_terminal(int32_t c);

/* Splits block b where a paragraph numbered want starts after a sentence
 * end; the rest becomes a new block right after b, which is returned
 * (NULL when there is no such place). */
struct hx_node *structure_split_numbered(struct hx_doc *doc, struct hx_node *b, int want);

/* Does t end without clause or sentence punctuation? */
int structure_ends_open(const char *t, size_t len);

/* The text a lead word is looked for in: the first strong or emphasised
 * run near the start of n, else n's text (in doc's arena; *whole, if not
 * NULL, says which). */
const char *structure_lead_source(struct hx_doc *doc, struct hx_node *n, size_t *len, int *whole);

/* The first strong or emphasised run near the start of n, as
 * structure_lead_source finds it, else NULL (n's text is then the
 * source). */
const char *structure_lead_run(struct hx_doc *doc, struct hx_node *n, size_t *len);

/* Does block x, the one after a block (footnote texts skipped), start a
 * numbered unit or a heading? The walk asks before it moves the block. */
int structure_next_starts_unit(struct hx_doc *doc, struct hx_node *x);

/* The label of the list item whose first block n is ("" for an ordered
 * item without one), else NULL: the item prints the number, not the
 * paragraph. */
const char *structure_item_label(const struct hx_node *n);

/* Moves the children of the root's sections up into the root; the first
 * paragraph of an annex section without a role is marked as opening it. */
void structure_flatten(struct hx_node *root);

/* Splits top-level blocks where numbered paragraphs ran together. */
void structure_split_runs(struct hx_doc *doc);

/* Is s[0..len) a document symbol ("A/C.2/76/L.56")? */
int structure_is_symbol(const char *s, size_t len);

/* s[0..len) without surrounding white space, in doc's arena. */
const char *structure_trimmed(struct hx_doc *doc, const char *s, size_t len);

/* --- the walk's state and keys (structure.c, keys.c) ---------- */

struct hx_stage;

enum structure_part { P_FRONT, P_BODY, P_RES, P_ANNEX, P_PRE, P_ART };

/* How often each paragraph number came in a part: a hash table in the
 * document's arena that grows with it, so a part of any length is checked
 * for numbers used twice. Zero-initialise; structure_seen_add counts. */
struct structure_seen {
    struct structure_seen_slot {
        int num;        /* 0: free */
        unsigned count; /* times num came */
    } * v;
    size_t cap, n;
};

/* Counts num (> 0) once more in t and returns how often it came before. */
unsigned structure_seen_add(struct hx_doc *doc, struct structure_seen *t, int num);

/* Where the walk is: the part being filled and the counters that make
 * keys. */
struct structure_state {
    struct hx_stage *st;
    struct structure_tables *p;
    struct hx_doc *doc;
    struct hx_node *sections, *sec; /* detached list of parts, current part */
    enum structure_part part;
    const char *pname;       /* "body", "res1", "annex2"… */
    int nres, nannex, nbody; /* parts of each kind so far */
    const char *parent;      /* key of the numbered block children attach to */
    const char *base;        /* key the next unnumbered block counts from */
    int plus;                /* blocks counted from base so far */
    int nsub, nsub2;         /* sub-items under parent */
    int cont;                /* unnumbered children of parent so far */
    int sub_last_letter;     /* value of the last letter sub-item label */
    int pp, op_started, last_num, heads_u, head_num, head_letter;
    int art, art_para, art_numbered;
    struct structure_seen seen;        /* paragraph numbers used in this part */
    struct hx_node *prev;              /* last block placed, for a title */
    const struct hx_node *folded_node; /* the block being walked: its text */
    const char *folded;                /* (label taken out) folded once, */
    size_t folded_len;                 /* its lead word looked for there */
    unsigned front_title;              /* masthead lines met (structure_masthead's bits; 1 title) */
    int in_list;                       /* walking the items of a list: blocks stay where they are */
    int ndec;                          /* draft decisions so far (parts "dec1"…) */
    int awaiting;                      /* a resolution part opened by its heading: 1 before
                                          its title, 2 before its formula */
    const char *group;                 /* key of a reader's operative heading ("resolves") whose
                                          paragraphs are numbered under it, or NULL */
    int group_num;                     /* last paragraph number under group */
    int group_dup;                     /* numbers under groups that came again */
    int group_run;                     /* group_dup of the run of numbers now, 0 = the first */
    int body_last, body_head, body_heads_u; /* the body when left */
    struct structure_seen body_seen;
};

/* Starts a new part of kind k keyed name; its section is appended to the
 * detached list. */
void structure_new_part(struct structure_state *s, enum structure_part k, const char *name);

/* The report goes on after a draft resolution: a new "body" section whose
 * numbers continue the body's. */
void structure_resume_body(struct structure_state *s);

/* a, b and c joined, in doc's arena (keys: "body" ".op" ""). */
const char *structure_key_join(struct hx_doc *doc, const char *a, const char *b, const char *c);

/* a, b and num in decimal, in doc's arena: what hx_printf "%s%s%ld" gives
 * ("body" "+" 3 -> "body+3"). */
const char *structure_key_num(struct hx_doc *doc, const char *a, const char *b, long num);

/* Sets the key of a block that others count from. */
void structure_key_base(struct structure_state *s, struct hx_node *n, const char *key);

/* Keys n as the next block counted from the base ("body.4+2"). */
void structure_key_plus(struct structure_state *s, struct hx_node *n);

/* The block unnumbered ones attach to from now on. */
void structure_set_parent(struct structure_state *s, const char *key);

/* A numbered paragraph of the current part: "<prefix>.<num>", warning of
 * a number used twice or out of order. */
void structure_numbered(struct structure_state *s, struct hx_node *n, const char *prefix, int num);

/* A sub-item under the current parent, keyed by position: letters at the
 * first level, roman numerals below. */
void structure_subitem(struct structure_state *s, struct hx_node *n,
                       const struct structure_label *l);

/* The lead-word class opening t, copied into the document, or NULL. */
const char *structure_lead_in(struct structure_state *s, const char *t, size_t len);

/* Sets n->lead from its emphasised run, else from its opening. */
void structure_set_lead(struct structure_state *s, struct hx_node *n);

/* Makes n a heading of the given level. */
void structure_make_heading(struct hx_node *n, int level);

/* "annex" for the first, "annex2"… after it (in the document's arena). */
const char *structure_part_name(struct structure_state *s, const char *stem, int count);

/* Puts a block into the current part; list items stay in their item. */
void structure_place(struct structure_state *s, struct hx_node *n);

/* Does n carry a role a reader may set for the walk to take as given? */
int structure_given_role(const struct hx_node *n);

/* Places and keys a preambular or operative block a reader marked (its
 * role), t its text and l its label, in a resolution part opened for it
 * when none is; an operative heading's paragraphs are keyed under it. */
void structure_given_paragraph(struct structure_state *s, struct hx_node *n, const char *t,
                               size_t len, struct structure_label *l);

/* Places and keys an article's or annex's title (a reader's, or a heading
 * right under "Article N"); 0 when n is none. */
int structure_part_title(struct structure_state *s, struct hx_node *n,
                         const struct structure_label *l);

#endif

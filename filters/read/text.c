/* Reader for UN plain text: the format of samples/seed-zh.txt.
 *
 * The file is UTF-8 (a BOM is dropped, invalid UTF-8 or a NUL byte is an
 * error naming the line); lines end in LF or CRLF. Blank lines (empty or
 * white space only) separate blocks. The lines of one block are joined into
 * one paragraph: with nothing between them when the characters either side
 * of the join are wide (CJK) or white space, with one space otherwise, the
 * way CSS joins segment breaks; so a hard-wrapped Chinese paragraph does not
 * gain spaces and an English one does not glue words together.
 *
 * Inside a block, markdown-style markup becomes inline nodes:
 *   **strong**, *emphasis*  a run of exactly two (one) asterisks opens when
 *   ***strong emphasis***   not followed by white space and closes at the
 *                           nearest such run not preceded by white space;
 *                           three make emphasis inside strong (bold italic,
 *                           as UN operative verbs are often typed); runs of
 *                           four or more are always literal
 *   [text](href)            link text holds no brackets; href is everything
 *                           up to ")" and holds no white space or brackets
 *   <scheme:…>              autolink (scheme of 2-32 letters, digits, + . -,
 *                           then no white space, < or >)
 *   ¹²³ (superscript digits)  a note-reference candidate: HX_NOTEREF with the
 *                           marker as label and its value as num
 * A line that starts with superscript digits starts a block of its own
 * (footnotes are often listed line by line), a note-body candidate:
 * HX_PARA with role HX_ROLE_NOTE_BODY, the marker as label, and its text
 * without the marker and one following space. Every other block is an
 * HX_PARA with no role; its printed paragraph number stays in its text for
 * the structure stage. Markup that does not match stays literal text, so
 * no character of content is lost or reordered: only markup delimiters,
 * the BOM, line ends and blank lines go. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hx.h"

/* Nesting of strong/emphasis/link never exceeds a few levels because each
 * opener closes at the nearest closer; this bounds recursion regardless. */
#define MAX_DEPTH 32

/* One block being parsed: its joined text and, for each kind of closer,
 * where the last search for one started and what it found. Parsing moves
 * left to right (a nested span ends before its parent goes on), so each
 * search starts past the previous answer and the whole block is scanned
 * once per kind: linear time on hostile runs of asterisks, and no memory
 * per byte (a table per byte cost 16 bytes for each byte of the block). */
struct closer_scan {
    size_t from, at; /* no closer in [from, at); at is one, or SIZE_MAX */
    int valid;
};

struct block {
    struct hx_doc *doc;
    const char *s;
    size_t len;
    struct closer_scan scan[3]; /* [0] emphasis "*", [1] strong "**", [2] both "***" */
};

static int is_space_at(const char *s, size_t len, size_t i)
{
    size_t j = i;
    return i < len && hx_cp_is_space(hx_utf8_next(s, len, &j));
}

static int is_space_before(const char *s, size_t i)
{
    size_t j = i;
    return i > 0 && hx_cp_is_space(hx_utf8_prev(s, &j));
}

/* Length of the run of asterisks starting at i. */
static size_t star_run(const char *s, size_t len, size_t i)
{
    size_t j = i;
    while (j < len && s[j] == '*')
        j++;
    return j - i;
}

/* The first closer of kind k (a run of exactly k + 1 asterisks not
 * preceded by white space) that starts at or after p, or SIZE_MAX. */
static size_t next_closer(struct block *b, int k, size_t p)
{
    struct closer_scan *c = &b->scan[k];
    if (c->valid && p >= c->from && (c->at == SIZE_MAX || c->at >= p))
        return c->at;
    size_t i = p, n = b->len, found = SIZE_MAX;
    /* Inside a run of asterisks nothing starts a run. */
    while (i > 0 && i < n && b->s[i - 1] == '*' && b->s[i] == '*')
        i++;
    while (i < n) {
        if (b->s[i] != '*') {
            i++;
            continue;
        }
        size_t run = star_run(b->s, n, i);
        if (run == (size_t)k + 1 && i > 0 && !is_space_before(b->s, i)) {
            found = i;
            break;
        }
        i += run;
    }
    *c = (struct closer_scan){p, found, 1};
    return found;
}

/* Bytes of the superscript-digit run at i (0 if none); *value gets its
 * value, or 0 when it has more digits than a note number can. */
static size_t sup_run(const char *s, size_t len, size_t i, int *value)
{
    size_t j = i;
    long v = 0;
    int digits = 0;
    while (j < len) {
        size_t k = j;
        int d = hx_cp_superscript_digit(hx_utf8_next(s, len, &k));
        if (d < 0)
            break;
        if (digits < 9)
            v = v * 10 + d;
        digits++;
        j = k;
    }
    *value = digits > 0 && digits <= 9 ? (int)v : 0;
    return j - i;
}

/* Bytes of a bracketed note marker "[12]" at i, as the txt writer prints
 * markers (0 if none; "[1](url)" is a link, not a marker); *value gets
 * its number. Read like superscript digits so that the standard chain on
 * its own txt output finds the same notes. */
static size_t bracket_run(const char *s, size_t len, size_t i, int *value)
{
    size_t j = i + 1;
    int v = 0;
    if (i >= len || s[i] != '[')
        return 0;
    while (j < len && j - i <= 4 && s[j] >= '0' && s[j] <= '9')
        v = v * 10 + (s[j++] - '0');
    if (j == i + 1 || j >= len || s[j] != ']' || (j + 1 < len && s[j + 1] == '(') || v == 0)
        return 0;
    *value = v;
    return j + 1 - i;
}

/* "<scheme:rest>" at i: returns the byte after ">" or 0. */
static size_t autolink_end(const char *s, size_t len, size_t i)
{
    size_t j = i + 1, start = j;
    while (j < len && j - start <= 32 &&
           ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') ||
            (j > start &&
             ((s[j] >= '0' && s[j] <= '9') || s[j] == '+' || s[j] == '.' || s[j] == '-'))))
        j++;
    if (j - start < 2 || j - start > 32 || j >= len || s[j] != ':')
        return 0;
    size_t colon = j;
    for (j++; j < len; j++) {
        unsigned char c = (unsigned char)s[j];
        if (c == '>')
            return j > colon + 1 ? j + 1 : 0;
        if (c == '<' || c <= ' ' || is_space_at(s, len, j))
            return 0;
    }
    return 0;
}

/* "[text](href)" at i: returns the byte after ")" or 0, with the text and
 * href ranges. Scans stop at the next bracket, so total work is linear. */
static size_t link_end(const char *s, size_t len, size_t i, size_t *tb, size_t *te, size_t *hb,
                       size_t *he)
{
    size_t j = i + 1;
    while (j < len && s[j] != '[' && s[j] != ']')
        j++;
    if (j >= len || s[j] != ']' || j == i + 1 || j + 1 >= len || s[j + 1] != '(')
        return 0;
    *tb = i + 1;
    *te = j;
    *hb = j + 2;
    for (j += 2; j < len; j++) {
        char c = s[j];
        if (c == ')') {
            *he = j;
            return j + 1;
        }
        if (c == '(' || c == '[' || c == ']' || c == '<' || c == '>' || (unsigned char)c <= ' ' ||
            is_space_at(s, len, j))
            return 0;
    }
    return 0;
}

static void add_text(struct block *b, struct hx_node *parent, size_t from, size_t to)
{
    if (to > from)
        hx_node_append(parent, hx_text_new(b->doc, b->s + from, to - from));
}

/* Parses s[from..to) into inline children of parent. */
static void parse_inlines(struct block *b, struct hx_node *parent, size_t from, size_t to,
                          int depth)
{
    const char *s = b->s;
    size_t i = from, text = from;
    while (i < to) {
        unsigned char c = (unsigned char)s[i];
        size_t end = 0;
        struct hx_node *n = NULL;
        if (c == '*') {
            size_t run = star_run(s, to, i);
            size_t close = run <= 3 ? next_closer(b, (int)run - 1, i + run) : SIZE_MAX;
            /* A run cut short by "to" is not the run the closer table saw. */
            if (run <= 3 && i + run < b->len && s[i + run] == '*')
                close = SIZE_MAX;
            if (depth + 1 < MAX_DEPTH && close != SIZE_MAX && close + run <= to &&
                !is_space_at(s, to, i + run)) {
                n = hx_node_new(b->doc, run == 1 ? HX_EMPH : HX_STRONG);
                add_text(b, parent, text, i);
                hx_node_append(parent, n);
                if (run == 3) { /* bold italic: emphasis inside strong */
                    struct hx_node *e = hx_node_new(b->doc, HX_EMPH);
                    hx_node_append(n, e);
                    n = e;
                }
                parse_inlines(b, n, i + run, close, depth + 1);
                i = text = close + run;
            } else {
                i += run;
            }
            continue;
        }
        if (c == '<' && (end = autolink_end(s, to, i)) != 0) {
            n = hx_node_new(b->doc, HX_LINK);
            n->href = hx_strndup(b->doc->arena, s + i + 1, end - i - 2);
            add_text(b, parent, text, i);
            hx_node_append(parent, n);
            add_text(b, n, i + 1, end - 1);
            i = text = end;
            continue;
        }
        size_t tb, te, hb, he;
        if (c == '[' && depth < MAX_DEPTH && (end = link_end(s, to, i, &tb, &te, &hb, &he)) != 0) {
            n = hx_node_new(b->doc, HX_LINK);
            n->href = hx_strndup(b->doc->arena, s + hb, he - hb);
            add_text(b, parent, text, i);
            hx_node_append(parent, n);
            parse_inlines(b, n, tb, te, depth + 1);
            i = text = end;
            continue;
        }
        int value;
        size_t sup = (c == 0xC2 || c == 0xE2) ? sup_run(s, to, i, &value)
                     : c == '['               ? bracket_run(s, to, i, &value)
                                              : 0;
        if (sup) {
            n = hx_node_new(b->doc, HX_NOTEREF);
            n->label = hx_strndup(b->doc->arena, s + i, sup);
            n->num = value;
            add_text(b, parent, text, i);
            hx_node_append(parent, n);
            i = text = i + sup;
            continue;
        }
        i++;
    }
    add_text(b, parent, text, to);
}

/* Builds the paragraph for one joined block. */
static void add_block(struct hx_doc *doc, const char *s, size_t len, unsigned line)
{
    struct hx_node *p = hx_node_new(doc, HX_PARA);
    struct block b = {doc, s, len, {{0, 0, 0}, {0, 0, 0}}};
    size_t start = 0;
    int value;
    size_t sup = sup_run(s, len, 0, &value);
    if (!sup && (sup = bracket_run(s, len, 0, &value)) != 0 && (sup >= len || s[sup] != ' '))
        sup = 0; /* "[1] text" opens a note body; "[1]text" does not */
    p->pos.line = line;
    if (sup) {
        p->role = HX_ROLE_NOTE_BODY;
        p->label = hx_strndup(doc->arena, s, sup);
        p->num = value;
        start = sup;
        if (start < len && s[start] == ' ')
            start++;
    }
    parse_inlines(&b, p, start, len, 0);
    hx_node_append(doc->root, p);
}

/* Joining two lines: nothing when either side is white space or wide. */
static int join_tight(int32_t a, int32_t c)
{
    return hx_cp_is_space(a) || hx_cp_is_space(c) || hx_cp_width(a) == 2 || hx_cp_width(c) == 2;
}

static int blank_line(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        if (!hx_cp_is_space(hx_utf8_next(s, len, &i)))
            return 0;
    }
    return 1;
}

static unsigned line_of(const char *s, size_t off)
{
    unsigned line = 1;
    for (size_t i = 0; i < off; i++)
        line += s[i] == '\n';
    return line;
}

static int read_text(struct hx_stage *st, struct hx_doc *doc)
{
    int rc = -1;
    char *data = NULL;
    size_t len = 0, bad, i, nblocks = 0;
    struct hx_buf block = {0};
    unsigned line = 0, block_line = 0;
    const char *s;
    if (hx_file_slurp(st, doc, hx_limit_input(), &data, &len) != 0)
        goto out;
    size_t ulen;
    char *utf8 = hx_utf16_to_utf8(data, len, &ulen);
    if (utf8) {
        free(data);
        data = utf8;
        len = ulen;
    }
    s = data;
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
        s += 3;
        len -= 3;
    }
    if (hx_utf8_check(s, len, &bad) != 0) {
        size_t col = bad;
        while (col > 0 && s[col - 1] != '\n')
            col--;
        hx_error_at(st, doc, line_of(s, bad),
                    "invalid UTF-8 at byte %zu of the line; the file must be "
                    "UTF-8 text",
                    bad - col + 1);
        goto out;
    }
    const char *nul = memchr(s, '\0', len);
    if (nul) {
        hx_error_at(st, doc, line_of(s, (size_t)(nul - s)), "NUL byte: this is not a text file");
        goto out;
    }
    for (i = 0; i < len;) {
        const char *eol = memchr(s + i, '\n', len - i);
        size_t end = eol ? (size_t)(eol - s) : len, next = eol ? end + 1 : len;
        line++;
        if (end > i && s[end - 1] == '\r')
            end--;
        int value;
        /* A line that starts with a note marker starts a note body, even
         * with no blank line before it (footnotes listed line by line). */
        size_t br = bracket_run(s, end, i, &value);
        int note_line = sup_run(s, end, i, &value) > 0 || (br && i + br < end && s[i + br] == ' ');
        if (blank_line(s + i, end - i) || (note_line && block.len)) {
            if (block.len) {
                add_block(doc, block.data, block.len, block_line);
                nblocks++;
                hx_buf_reset(&block);
            }
        }
        if (!blank_line(s + i, end - i)) {
            if (!block.len) {
                block_line = line;
            } else {
                size_t bi = block.len, j = i;
                int32_t a = hx_utf8_prev(block.data, &bi);
                int32_t c = hx_utf8_next(s, end, &j);
                if (!join_tight(a, c))
                    hx_buf_addc(&block, ' ');
            }
            hx_buf_add(&block, s + i, end - i);
        }
        i = next;
    }
    if (block.len) {
        add_block(doc, block.data, block.len, block_line);
        nblocks++;
    }
    if (nblocks == 0) {
        hx_error_at(st, doc, 0, len ? "no text, only blank lines" : "empty file");
        goto out;
    }
    if (!doc->lang) {
        const char *guess = hx_lang_guess(s, len);
        if (guess && strcmp(guess, "und") != 0)
            doc->lang = hx_strdup(doc->arena, guess);
    }
    rc = 0;
out:
    hx_buf_free(&block);
    free(data);
    return rc;
}

/* Valid UTF-8 with no NUL that is not markup or a package. Invalid UTF-8
 * without NULs still scores a little, so that the user is told which line
 * is bad rather than that no reader fits. */
static int sniff_text(const unsigned char *head, size_t len)
{
    size_t i = 0, bad;
    if (len >= 4 && memcmp(head, "PK\3\4", 4) == 0)
        return 0;
    if (memchr(head, '\0', len))
        return 0;
    if (len >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n'))
        i++;
    if (i < len && head[i] == '<' && i + 1 < len &&
        (head[i + 1] == '?' || head[i + 1] == '!' || (head[i + 1] >= 'a' && head[i + 1] <= 'z') ||
         (head[i + 1] >= 'A' && head[i + 1] <= 'Z')) &&
        autolink_end((const char *)head, len, i) == 0)
        return 0; /* markup is some other reader's, or no one's: not text */
    if (len == 0)
        return 10;
    if (hx_utf8_check((const char *)head, len, &bad) != 0 && bad + 4 < len)
        return 20;
    return 60;
}

const struct hx_filter hx_read_text = {
    .name = "text",
    .kind = HX_READER,
    .summary = "UN plain text (UTF-8, blank-line blocks, **bold**, *italic*, "
               "links, superscript or [n] note markers)",
    .exts = "txt text md",
    .sniff = sniff_text,
    .content = "text that is not a ZIP package, has no NUL byte and does not open with markup",
    .gives = HX_HAS_TREE,
    .read = read_text,
};

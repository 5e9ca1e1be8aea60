/* What the XML readers share around their parser; see xml.h. */
#include "xml.h"

#include "caps.h"
#include "file.h"
#include "filter.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlerror.h>

/* Where the markup that starts at s[i] ends: past the first `end` after
 * `skip` bytes, or 0 when it never does. */
static size_t markup_end(const char *s, size_t len, size_t i, size_t skip, const char *end)
{
    size_t n = strlen(end);
    for (size_t j = i + skip; j + n <= len; j++)
        if (memcmp(s + j, end, n) == 0)
            return j + n;
    return 0;
}

/* Past a document type declaration at s[i]: its internal subset, then
 * its ">"; 0 when it never ends. */
static size_t doctype_end(const char *s, size_t len, size_t i)
{
    size_t j = i + 9;
    while (j < len && s[j] != '[' && s[j] != '>')
        j++;
    if (j < len && s[j] == '[')
        while (j < len && s[j] != ']')
            j++;
    return markup_end(s, len, j, 0, ">");
}

size_t hx_xml_root(const char *s, size_t len, unsigned *doctype_line)
{
    size_t i = len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    if (doctype_line)
        *doctype_line = 0;
    for (;;) {
        while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
            i++;
        if (i + 1 >= len || s[i] != '<')
            return len; /* not XML the parser will accept, or not UTF-8 */
        size_t next;
        if (len - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
            next = markup_end(s, len, i, 4, "-->");
        } else if (s[i + 1] == '?') {
            next = markup_end(s, len, i, 2, "?>");
        } else if (len - i >= 9 && memcmp(s + i, "<!DOCTYPE", 9) == 0) {
            if (doctype_line && !*doctype_line) {
                unsigned line = 1;
                for (size_t k = 0; k < i; k++)
                    line += s[k] == '\n';
                *doctype_line = line;
            }
            next = doctype_end(s, len, i);
        } else {
            return s[i + 1] == '!' ? len : i; /* the root element, or markup we do not read */
        }
        if (next == 0)
            return len; /* unterminated: malformed, the parser says so */
        i = next;
    }
}

int hx_xml_root_is(const char *s, size_t len, const char *local, int prefixed)
{
    size_t i = hx_xml_root(s, len, NULL);
    if (i >= len)
        return 0;
    size_t j = ++i; /* the name */
    while (j < len && s[j] != ':' && s[j] != '>' && s[j] != '/' && s[j] != ' ' && s[j] != '\t' &&
           s[j] != '\r' && s[j] != '\n')
        j++;
    if (j < len && s[j] == ':') {
        if (!prefixed)
            return 0;
        i = j + 1;
    }
    size_t n = strlen(local);
    if (len - i < n || memcmp(s + i, local, n) != 0)
        return 0;
    char after = i + n < len ? s[i + n] : ' '; /* the head may end inside the tag */
    return after == ' ' || after == '>' || after == '/' || after == '\t' || after == '\r' ||
           after == '\n';
}

unsigned hx_xml_doctype_line(const char *s, size_t len)
{
    unsigned line;
    hx_xml_root(s, len, &line);
    return line;
}

int hx_xml_input(struct hx_stage *st, struct hx_doc *doc, const char *what, char **data,
                 size_t *len)
{
    if (hx_file_slurp(st, doc, hx_limit_input(), data, len) != 0)
        return -1;
    if (*len > INT_MAX) {
        hx_error(st, doc, NULL, "file too large for the XML parser");
    } else {
        unsigned dt = hx_xml_doctype_line(*data, *len);
        if (!dt)
            return 0;
        hx_error_at(st, doc, dt,
                    "a document type declaration is not allowed in %s (no DTDs, no entities)",
                    what);
    }
    free(*data);
    *data = NULL;
    return -1;
}

static void quiet(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

void hx_xml_quiet(void)
{
    xmlSetGenericErrorFunc(NULL, quiet);
}

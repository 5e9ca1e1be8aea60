/* What the XML readers share before and around their parser: where the
 * root element starts (for sniffing), the input read whole and refused
 * when it carries a document type declaration (no DTDs, no entities: the
 * parser would read their declarations first), and libxml2's process-wide
 * error printing silenced (each reader reports through its own
 * structured handler). */
#ifndef HX_XML_H
#define HX_XML_H

#include <stddef.h>

struct hx_doc;
struct hx_stage;

/* The offset of the "<" of the root element of the XML text s, past a
 * UTF-8 byte order mark, white space, the XML declaration and processing
 * instructions, comments and a document type declaration (its internal
 * subset included), each skipped to its end; len when there is none (not
 * XML, cut short, or in another encoding). *doctype_line, when not NULL,
 * gets the 1-based line of a document type declaration met on the way,
 * or 0. */
size_t hx_xml_root(const char *s, size_t len, unsigned *doctype_line);

/* Is the root element of s named local, with prefix (any) or without
 * (prefixed != 0), or only without (prefixed == 0)? For sniffers. */
int hx_xml_root_is(const char *s, size_t len, const char *local, int prefixed);

/* The 1-based line of a document type declaration in the prolog of s, or
 * 0 (see hx_xml_root). Text in another encoding (UTF-16) is not seen here:
 * readers also refuse the DTD libxml2 reports. */
unsigned hx_xml_doctype_line(const char *s, size_t len);

/* Reads doc's input whole (within the input limit) for an XML parser: an
 * error naming what (as in "a document type declaration is not allowed in
 * <what>") when it is too large for libxml2 or declares a document type.
 * 0 with *data (malloc'd) and *len, or -1 after an error. */
int hx_xml_input(struct hx_stage *st, struct hx_doc *doc, const char *what, char **data,
                 size_t *len);

/* libxml2 reports a few errors (input encoding conversion, I/O) only
 * through its process-wide generic handler, which prints to stderr: a
 * reader calls this when it opens. */
void hx_xml_quiet(void);

#endif

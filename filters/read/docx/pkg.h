/* Private to the docx reader: the package (ZIP, within limits) and its XML
 * parts read with libxml2's streaming reader, their relationships, and the
 * element and attribute helpers every other file uses (pkg.c, the lowest
 * layer: it calls no other file of the reader). */
#ifndef HX_DOCX_PKG_H
#define HX_DOCX_PKG_H

#include <libxml/xmlreader.h>

struct docx;

/* Limits on untrusted packages: the whole, one part, a part's compression
 * ratio (zip bombs), XML nesting and one text node. */
#define DOCX_MAX_TOTAL hx_limit_input()
#define DOCX_MAX_PART hx_limit_input()
#define DOCX_MAX_RATIO 200
#define DOCX_MAX_DEPTH HX_MAX_NESTING
#define DOCX_MAX_TEXT ((size_t)8 << 20)

/* Namespaces we tell apart; Transitional and Strict URIs map to the same. */
enum docx_ns {
    NS_OTHER,
    NS_W,   /* wordprocessingml main */
    NS_R,   /* relationships (attributes r:id, r:embed) */
    NS_M,   /* office math */
    NS_MC,  /* markup compatibility */
    NS_WP,  /* wordprocessing drawing (wp:docPr) */
    NS_A,   /* drawingml main (a:blip) */
    NS_V,   /* VML */
    NS_PKG, /* package relationships / content types */
    NS_XML  /* xml:space */
};

/* An XML part being read with the streaming reader. */
struct docx_xml {
    xmlTextReaderPtr r;
    const char *part; /* part name, for positions ("word/document.xml") */
    char err[200];    /* first libxml2 error, from the structured handler */
    int failed;
    char abuf[1024]; /* last value returned by docx_attr */
    unsigned npara;  /* w:p elements met so far, skipped ones too: Word
                        writes a part on one or two lines, so a node's
                        position is its w:p's ordinal (README) */
    /* Namespace URIs met so far with their class. The reader hands them
     * out interned in its dictionary (one pointer per URI for its life),
     * so a pointer compare replaces strcmp against every known URI. */
    const unsigned char *ns_uri[8];
    int ns_cls[8];
    int nns;
};

/* One relationship of a part. */
struct docx_rel {
    const char *id, *type, *target; /* target resolved to a part name unless
                                       external */
    int external;
};

struct docx_rels {
    struct docx_rel *v;
    size_t n;
};

/* An attribute's whole number, or def when it is absent or out of the
 * +-1,000,000 range Word's numbers stay within. */
int docx_ival(const char *s, int def);

/* Reads a part (case-insensitive name) into malloc'd memory within the
 * limits. 1 = read, 0 = absent, -1 = error added. */
int docx_part_read(struct docx *dx, const char *name, char **data, size_t *len);

/* Opens a streaming reader on data with network, DTDs and entity
 * expansion off and errors routed into x. 0 or -1 (error added). */
int docx_xml_open(struct docx *dx, struct docx_xml *x, const char *part, const char *data,
                  size_t len);

/* Closes the reader (x may be half-opened). */
void docx_xml_close(struct docx_xml *x);

/* Parses data, the bytes of part, calling on_node as docx_part_walk does.
 * 0 or -1. */
int docx_data_walk(struct docx *dx, const char *part, const char *data, size_t len,
                   int (*on_node)(struct docx *dx, struct docx_xml *x, void *ud), void *ud);

/* Reads a whole part (absent part or NULL name: nothing to do) and calls
 * on_node for every node read, with ud; on_node returns 0 to go on, 1 to
 * stop, -1 after adding an error. 0 or -1. */
int docx_part_walk(struct docx *dx, const char *part,
                   int (*on_node)(struct docx *dx, struct docx_xml *x, void *ud), void *ud);

/* Reads the next node: 1 = one read, 0 = end of document, -1 = malformed
 * XML, too deep, or a DTD (error added). */
int docx_xml_read(struct docx *dx, struct docx_xml *x);

/* From an element start: 1 = the next node inside it was read, 0 = its end
 * reached (or it was empty), -1 = error. Used as
 *     int d = xmlTextReaderDepth(x->r), e = xmlTextReaderIsEmptyElement(x->r);
 *     while ((rc = docx_xml_child(dx, x, d, e)) > 0) …   */
int docx_xml_child(struct docx *dx, struct docx_xml *x, int depth, int empty);

/* Like docx_xml_child, but only stops on w: elements: other nodes are
 * passed over and elements of other namespaces skipped whole. */
int docx_xml_w_child(struct docx *dx, struct docx_xml *x, int depth, int empty);

/* Skips the rest of the element the reader is on. 0 or -1. */
int docx_xml_skip(struct docx *dx, struct docx_xml *x);

/* Namespace class of the current node. */
enum docx_ns docx_ns_of(struct docx_xml *x);

/* Is the current node an element start in namespace ns named local? */
int docx_is(struct docx_xml *x, enum docx_ns ns, const char *local);

/* The attribute ns:local of the current element in x->abuf (cut at its
 * size), or NULL. Valid until the next call. */
const char *docx_attr(struct docx_xml *x, enum docx_ns ns, const char *local);

/* Like docx_attr, copied whole into the document's arena. */
const char *docx_attr_dup(struct docx *dx, struct docx_xml *x, enum docx_ns ns, const char *local);

/* An OOXML on/off value: absent attribute = on (1); "0", "false", "off" = 0. */
int docx_onoff(struct docx_xml *x);

/* The relationships of part (its _rels/<name>.rels), targets resolved. */
int docx_rels_read(struct docx *dx, const char *part, struct docx_rels *rels);

/* The relationship with this id, or NULL. */
const struct docx_rel *docx_rel_get(const struct docx_rels *rels, const char *id);

/* The target part of the first relationship whose type ends in suffix. */
const char *docx_rel_find(const struct docx_rels *rels, const char *suffix);

/* Finds the main document part from [Content_Types].xml and _rels/.rels. */
int docx_find_main(struct docx *dx);

#endif

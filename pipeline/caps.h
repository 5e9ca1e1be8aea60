/* One set of limits for every reader, documented in SECURITY.md; all of
 * them follow from the memory budget (--max-memory, arena.h) so that an
 * input within them fits it.
 *
 * Measured (standard chain, txt writer, glibc; peak RSS less the 8.5 MB a
 * one-line file costs): UN documents and the shared corpus use 2 to 25
 * bytes of memory per byte of input (text, DOCX parts unpacked, HTML,
 * Akoma Ntoso); the model costs about 430 bytes per paragraph, so the
 * worst case is text of one-character paragraphs ("a\n\n", 3 bytes), about
 * 140 bytes per byte. The input cap is budget / HX_MEM_PER_INPUT_BYTE:
 * every ordinary document under it fits the budget with room; a hostile
 * one that does not (tiny paragraphs) meets the budget itself, which is
 * the error "out of memory at N MB" on that document, never a crash. */
#ifndef HX_CAPS_H
#define HX_CAPS_H

#include <stddef.h>

/* Bytes of memory one byte of input may cost, as planned for (above). */
#define HX_MEM_PER_INPUT_BYTE 32

/* Element nesting any reader follows: below libxml2's own limit without
 * XML_PARSE_HUGE (256), so that our message, naming the limit, comes
 * first; deeper is an error (HTML: a warning saying what is dropped),
 * never a silent cut. */
#define HX_MAX_NESTING 200

/* The largest input file (for DOCX: the XML it unpacks to, all parts
 * together) a reader takes: budget / HX_MEM_PER_INPUT_BYTE (32 MB at the
 * default budget), at most 2 GB (libxml2 takes an int length). */
size_t hx_limit_input(void);

#endif

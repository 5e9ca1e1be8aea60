/* Outputs for the runner: nothing lost, nothing clobbered. A writer writes
 * to a temporary file (created 0600) that is renamed over the target only
 * on success, after fsync, with the mode and owner of the file it
 * replaces; an input is never a target; a character device or a pipe
 * (/dev/null, /dev/stdout, a terminal) is written through, never
 * replaced, every write and the close checked. Temporaries are removed on
 * SIGINT, SIGTERM, SIGPIPE and SIGHUP. Internal to pipeline/ (stages see
 * struct hx_output only). */
#ifndef HX_OUTPUT_H
#define HX_OUTPUT_H

#include <sys/types.h>

#include "filter.h"

/* The output name of input path in directory dir:
 * "dir/<file name less its extension>.<ext>", in a. */
char *hx_output_name(struct hx_arena *a, const char *dir, const char *path, const char *ext);

/* The temporary name process pid uses for target: ".<name>.<pid>.hxtmp"
 * beside it (hidden, and recognisable by a later run); malloc'd. */
char *hx_output_temp_name(const char *target, long pid);

/* Is name (a directory entry) a temporary of the file named base? */
int hx_output_is_temp_of(const char *name, const char *base);

/* Opens a temporary file for target ("-" = standard output; spooled under
 * $TMPDIR until committed, as for a device or pipe). Refuses a target that
 * is the same file as any document of inputs (may be NULL), a directory,
 * or anything but a regular file, a character device or a pipe. Fills
 * out; returns 0, or -1 with a message in err. */
int hx_output_open(struct hx_output *out, const char *target, const struct hx_set *inputs,
                   char *err, size_t errlen);

/* Closes the temporary file and moves it into place (or copies it to the
 * stream). Returns 0, or -1 with a message in err ("No space left on
 * device" from /dev/full), in which case the temporary file is gone and a
 * file target untouched. */
int hx_output_commit(struct hx_output *out, char *err, size_t errlen);

/* Like hx_output_commit for a batch that makes its outputs durable in
 * groups: the temporary is closed with its mode but neither synced nor
 * moved; *tmp and *final (malloc'd) name it and where it goes, and this
 * process's clean-up forgets it (landing or removing it is the caller's).
 * A stream target is written through as by hx_output_commit and gets
 * *tmp = NULL. 0, or -1 with a message in err (nothing left behind). */
int hx_output_close_deferred(struct hx_output *out, char **tmp, char **final, char *err,
                             size_t errlen);

/* Lands n temporaries of hx_output_close_deferred: their contents made
 * durable together (writeback of all started, then each fsync'd), each
 * renamed over its final name (before(ud, i) called just before, when not
 * NULL), then each directory synced once. errnos[i] is 0, or the rename's errno (that
 * temporary is removed). */
void hx_output_land(char *const *tmp, char *const *final, size_t n, int *errnos,
                    void (*before)(void *ud, size_t i), void *ud);

/* Removes the temporary file; the target is untouched. */
void hx_output_abort(struct hx_output *out);

/* The signal clean-up: hx_cleanup_install sets handlers for SIGINT,
 * SIGTERM, SIGPIPE and SIGHUP that unlink every registered temporary,
 * send SIGTERM to every registered child process, then die of the signal
 * as before. Temporaries of hx_output_open are registered by it; others
 * (standard input kept in a file, a batch child's expected temporary)
 * with hx_cleanup_temp_add (the path is copied). hx_cleanup_reset forgets
 * everything (in a forked child); hx_cleanup_now does the unlinking and
 * killing without dying. */
void hx_cleanup_install(void);
void hx_cleanup_on(int sig); /* the same clean-up on one more signal (SIGALRM) */
void hx_cleanup_temp_add(const char *path);
void hx_cleanup_temp_forget(const char *path);
void hx_cleanup_kid_add(pid_t pid);
void hx_cleanup_kid_forget(pid_t pid);
void hx_cleanup_reset(void);
void hx_cleanup_now(void);

#endif

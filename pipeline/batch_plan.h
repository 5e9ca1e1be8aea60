/* What a batch converts: the inputs named on the command line expanded
 * (files, directories walked recursively, @manifest files), sorted, cut to
 * this shard's slice, each given its output name in a tree that mirrors
 * the input tree, and checked for two inputs writing one output. Internal
 * to pipeline/ (batch.c and main.c). */
#ifndef HX_BATCH_PLAN_H
#define HX_BATCH_PLAN_H

#include <stddef.h>

#include "diag.h"

struct hx_arena;

struct hx_batch_item {
    const char *path;   /* the input, as found */
    const char *target; /* its output, under the output directory */
};

struct hx_batch_plan {
    struct hx_batch_item *v;
    size_t n;
    size_t total;   /* inputs before sharding */
    size_t refused; /* inputs dropped with an error (unreadable manifest, same output) */
};

/* How inputs are found and sliced. */
struct hx_batch_select {
    const char *exts; /* extensions a directory walk takes ("docx txt"); NULL = the readers' */
    unsigned shard, shards; /* this is slice shard of shards (shards 0 or 1 = everything) */
};

/* Expands args into plan (memory from a): a directory is walked
 * recursively and its files with a selected extension are taken, mirrored
 * under outdir by their path below it; "@FILE" reads one path a line
 * (blank lines and lines starting with '#' skipped), mirrored by their path
 * below the entries' common directory; any other argument is a file,
 * written as outdir/<name>.<ext>. The list is sorted by path; the slice of
 * shard I of N is every input whose position modulo N is I. Problems (a
 * manifest that cannot be read, two inputs with one output) are error
 * diagnostics; such inputs are left out. Returns 0, or -1 when nothing
 * could be planned at all. */
int hx_batch_plan_make(struct hx_batch_plan *plan, struct hx_arena *a, char *const *args,
                       size_t nargs, const char *outdir, const char *ext,
                       const struct hx_batch_select *sel, struct hx_diags *diags);

/* The shard this process takes from the environment when --shard is not
 * given: Slurm job arrays (SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_COUNT,
 * less SLURM_ARRAY_TASK_MIN), or Kubernetes Indexed Jobs
 * (JOB_COMPLETION_INDEX with shards from --shards). 1 when found. */
int hx_batch_shard_from_env(unsigned *shard, unsigned *shards, unsigned shards_opt);

/* --align: how the language versions of one document are told apart. */
enum hx_group_rule {
    HX_GROUP_AUTO,  /* NAME.LANG.ext where names have a language suffix, else DIR/LANG.ext */
    HX_GROUP_DIR,   /* SYMBOL/LANG.ext: the versions of a document share a directory */
    HX_GROUP_SUFFIX /* NAME.LANG.ext: they share a name and differ in the suffix */
};

/* The versions of one document, as indices into a plan. */
struct hx_batch_group {
    const char *report; /* where its alignment report goes, under the output directory */
    size_t *items;
    size_t n;
};

/* Groups the plan's items by rule (items whose name does not fit the rule
 * are left out); each group's report is named after it with extension ext
 * ("DIR/SYMBOL/align.html", "DIR/NAME.align.html"). Returns the number of
 * groups, their array in *groups (memory from a). */
size_t hx_batch_groups(const struct hx_batch_plan *plan, enum hx_group_rule rule, const char *ext,
                       struct hx_arena *a, struct hx_batch_group **groups);

#endif

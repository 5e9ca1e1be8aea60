/* The command line: verbs, chain building, sets, printing diagnostics and
 * choosing the exit status (0 clean, 1 document errors, 2 usage). */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <unicode/uclean.h>

#include "batch.h"
#include "batch_log.h"
#include "chain.h"
#include "cli.h"
#include "output.h"

enum { EXIT_DOC = 1, EXIT_USAGE = 2 };

#define HX_STR2(x) #x
#define HX_STR(x) HX_STR2(x)

static const char usage_text[] =
    "usage: hexaglot convert INPUT... [-f FMT[:opts]] [-t FMT[:opt=v,...] | --chain CHAIN]\n"
    "                        [-o OUT|-] [--lang TAG] [-v] [--check] [--diagnostics json]\n"
    "                        [--timeout SECS] [--max-memory MB]\n"
    "       hexaglot batch INPUT|DIR|@LIST... -o DIR [-f FMT] [-t FMT[:opts] | --chain CHAIN]\n"
    "                      [--lang TAG] [-j N] [--timeout SECS] [--ext LIST] [--log FILE]\n"
    "                      [--resume] [--shard I/N | --shards N] [--align[=RULE]]\n"
    "                      [--report EXT] [--diagnostics json] [--max-memory MB]\n"
    "       hexaglot batch --merge-logs LOG... [-o MERGED]\n"
    "       hexaglot align A B [C...] -o REPORT.{tsv,tmx,html,json,epub,pdf} [-f FMT] [--check]\n"
    "                      [-t WRITER:opts] [--original LANG] [--accept FILE]\n"
    "                      [--segments sentence]\n"
    "       hexaglot stages\n"
    "       hexaglot --help | --version\n";

static const char help_text[] =
    "\n"
    "convert  reads each INPUT (the reader is chosen by content; - is standard\n"
    "         input), runs the standard filters and writes FMT (without -t: the\n"
    "         writer the extension of OUT names, .txt .xml .pdf .epub .akn.xml...;\n"
    "         see 'hexaglot stages'). With several inputs, or when OUT is a\n"
    "         directory, each output is OUT/<name>.<ext>. -o - (the default)\n"
    "         writes plain text to standard output.\n"
    "batch    converts each INPUT on its own into DIR (a directory is walked,\n"
    "         @LIST names one path a line; the output tree mirrors the input),\n"
    "         in -j N worker processes (default 1), so a document that fails,\n"
    "         crashes or runs past --timeout SECS costs only itself.\n"
    "align    aligns two to six language versions of one document by paragraph\n"
    "         key and reports disagreements; the report format follows the\n"
    "         extension of -o. --check exits 1 on a warning (a disagreement);\n"
    "         notes (a graded lead word, an accepted flag) are information.\n"
    "         --original LANG: the version rows take their keys from (default:\n"
    "         the one whose masthead says \"Original:\" in its own language).\n"
    "         --accept FILE: flags already looked at (the HTML report exports\n"
    "         them). --segments sentence: a TMX unit per sentence. -t WRITER:opts:\n"
    "         the report's writer with its options (-t align-pdf:paper=letter).\n"
    "stages   lists every reader, filter and writer with its options.\n"
    "\n"
    "-t FMT[:opts]   the standard chain ending in writer FMT, e.g. -t txt:ids;\n"
    "                batch takes several (-t txt -t pdf), each written in turn\n"
    "-f FMT[:opts]   read with reader FMT instead of choosing it by content\n"
    "--chain TEXT    an explicit chain, e.g. 'text | structure | txt:wrap=72';\n"
    "                the reader may be left out\n"
    "--lang TAG      the documents' language (BCP 47) when it cannot be detected\n"
    "-v, --verbose   also print notes (what the filters changed), not only\n"
    "                warnings and errors\n"
    "--check         exit 1 on any warning (align: on any disagreement, not notes)\n"
    "-j N            batch: documents converted at once (default 1)\n"
    "--timeout SECS  give up on a document (convert: on the run) after SECS\n"
    "                seconds; 0 (the default) means no limit\n"
    "--max-memory MB the most the document models of one conversion may hold\n"
    "                (one document in batch); past it the document fails with\n"
    "                \"out of memory\" (default " HX_STR(
        HX_MEM_DEFAULT_MB) "; see SECURITY.md)\n"
                           "--ext LIST      batch: extensions a directory walk takes (\"docx "
                           "txt\")\n"
                           "--log FILE      batch: a JSON line per document (status, seconds, "
                           "diagnostics)\n"
                           "--resume        batch: skip documents whose output is up to date\n"
                           "--align[=RULE]  batch: align the language versions of each document "
                           "into a\n"
                           "                report beside them (RULE: dir for SYMBOL/LANG.ext, "
                           "suffix for\n"
                           "                NAME.LANG.ext, auto); --report EXT its format (html)\n"
                           "--shard I/N     batch: convert only slice I of N of the sorted inputs "
                           "(also\n"
                           "                from SLURM_ARRAY_TASK_ID/COUNT, or "
                           "JOB_COMPLETION_INDEX\n"
                           "                with --shards N)\n"
                           "--diagnostics json  one JSON object a line on standard error instead "
                           "of\n"
                           "                file:line: severity: stage: message\n"
                           "\n"
                           "Exit status: 0 clean, 1 a document had errors (the others were "
                           "written),\n"
                           "2 usage or chain error (nothing was run).\n";

__attribute__((format(printf, 1, 2))) static int usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("hexaglot: error: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs(" (see 'hexaglot --help')\n", stderr);
    return EXIT_USAGE;
}

/* A well-formed BCP 47 tag: a 2-8 letter language subtag, then subtags of
 * 1-8 letters or digits joined by hyphens. */
static int is_lang_tag(const char *s)
{
    size_t n = 0, first = 1;
    for (;; s++) {
        if (*s == '-' || *s == 0) {
            if (n < (first ? 2u : 1u) || n > 8)
                return 0;
            if (*s == 0)
                return 1;
            n = 0, first = 0;
        } else if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
                   (!first && *s >= '0' && *s <= '9')) {
            n++;
        } else {
            return 0;
        }
    }
}

enum { MAX_FORMATS = 8 };

struct args {
    const char *fmts[MAX_FORMATS]; /* every -t given: batch writes each */
    int nfmts;
    const char *verb, *fmt, *from, *chain, *out, *lang;
    int check, verbose, jobs, json;
    const char *log, *exts;                   /* batch: --log FILE, --ext LIST */
    int resume, merge, shard_given;           /* batch: --resume, --merge-logs, --shard */
    unsigned shard, shards, shards_opt;       /* batch: --shard I/N, --shards N */
    int align;                                /* batch: --align[=RULE], 1 + enum hx_group_rule */
    const char *report;                       /* batch: --report EXT of the alignment reports */
    const char *original, *accept, *segments; /* align: the stages' options */
    unsigned timeout;
    long max_memory; /* --max-memory MB, 0 = not given */
    char **inputs;
    int ninputs;
};

static int parse_args(int argc, char **argv, struct args *a)
{
    static const struct option longopts[] = {
        {"to", required_argument, NULL, 't'},
        {"from", required_argument, NULL, 'f'},
        {"diagnostics", required_argument, NULL, 'D'},
        {"log", required_argument, NULL, 'L'},
        {"resume", no_argument, NULL, 'R'},
        {"shard", required_argument, NULL, 'S'},
        {"shards", required_argument, NULL, 'N'},
        {"ext", required_argument, NULL, 'E'},
        {"merge-logs", no_argument, NULL, 'M'},
        {"align", optional_argument, NULL, 'A'},
        {"report", required_argument, NULL, 'P'},
        {"chain", required_argument, NULL, 'c'},
        {"output", required_argument, NULL, 'o'},
        {"lang", required_argument, NULL, 'l'},
        {"jobs", required_argument, NULL, 'j'},
        {"timeout", required_argument, NULL, 'T'},
        {"max-memory", required_argument, NULL, 'X'},
        {"check", no_argument, NULL, 'k'},
        {"original", required_argument, NULL, 'O'},
        {"accept", required_argument, NULL, 'Q'},
        {"segments", required_argument, NULL, 'G'},
        {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {0, 0, 0, 0},
    };
    int ch;
    opterr = 0;
    optind = 2;
    while ((ch = getopt_long(argc, argv, ":t:f:c:o:l:j:vhV", longopts, NULL)) != -1) {
        switch (ch) {
        case 't':
            if (a->nfmts == MAX_FORMATS)
                return usage_error("at most %d -t in one run", MAX_FORMATS);
            a->fmts[a->nfmts++] = a->fmt = optarg;
            break;
        case 'f': a->from = optarg; break;
        case 'D':
            if (strcmp(optarg, "json") != 0 && strcmp(optarg, "text") != 0)
                return usage_error("--diagnostics takes text or json, not '%s'", optarg);
            a->json = !strcmp(optarg, "json");
            break;
        case 'c': a->chain = optarg; break;
        case 'o':
            if (!*optarg)
                return usage_error("%s", "-o needs a name ('-' is standard output)");
            a->out = optarg;
            break;
        case 'X': {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (*end || end == optarg || v < 1 || v > (1L << 30))
                return usage_error("--max-memory takes a number of megabytes, not '%s'", optarg);
            a->max_memory = v;
            break;
        }
        case 'l':
            if (!is_lang_tag(optarg))
                return usage_error("--lang takes a BCP 47 tag such as zh, en or ar-EG, not '%s'",
                                   optarg);
            a->lang = optarg;
            break;
        case 'k': a->check = 1; break;
        case 'O':
            if (!is_lang_tag(optarg))
                return usage_error("--original takes a language tag such as en, not '%s'", optarg);
            a->original = optarg;
            break;
        case 'Q':
            if (strchr(optarg, ',') || strchr(optarg, '|'))
                return usage_error("--accept %s: the file name may not hold ',' or '|'", optarg);
            a->accept = optarg;
            break;
        case 'G':
            if (strcmp(optarg, "paragraph") && strcmp(optarg, "sentence"))
                return usage_error("--segments takes paragraph or sentence, not '%s'", optarg);
            a->segments = optarg;
            break;
        case 'L': a->log = optarg; break;
        case 'R': a->resume = 1; break;
        case 'E': a->exts = optarg; break;
        case 'M': a->merge = 1; break;
        case 'P': a->report = optarg; break;
        case 'A': {
            static const char *const rules[] = {"auto", "dir", "suffix"};
            a->align = 0;
            for (int r = 0; r < 3; r++)
                if (!strcmp(optarg ? optarg : "auto", rules[r]))
                    a->align = r + 1;
            if (!a->align)
                return usage_error("--align takes auto, dir or suffix, not '%s'", optarg);
            break;
        }
        case 'S': {
            char *end;
            unsigned long i = strtoul(optarg, &end, 10), n = 0;
            if (*end == '/')
                n = strtoul(end + 1, &end, 10);
            if (*end || n < 1 || n > 100000 || i >= n)
                return usage_error("--shard takes I/N with 0 <= I < N, not '%s'", optarg);
            a->shard = (unsigned)i, a->shards = (unsigned)n, a->shard_given = 1;
            break;
        }
        case 'N': {
            char *end;
            unsigned long n = strtoul(optarg, &end, 10);
            if (*end || n < 1 || n > 100000)
                return usage_error("--shards takes a whole number, not '%s'", optarg);
            a->shards_opt = (unsigned)n;
            break;
        }
        case 'v': a->verbose = 1; break;
        case 'j':
        case 'T': {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (*end || end == optarg || v < (ch == 'j' ? 1 : 0) || v > 100000)
                return usage_error("%s takes a whole number, not '%s'",
                                   ch == 'j' ? "-j" : "--timeout", optarg);
            if (ch == 'j')
                a->jobs = (int)v;
            else
                a->timeout = (unsigned)v;
            break;
        }
        case 'h':
            fputs(usage_text, stdout);
            fputs(help_text, stdout);
            exit(0);
        case 'V': hx_version_print(stdout); exit(0);
        case ':': return usage_error("option '%s' needs a value", argv[optind - 1]);
        default: return usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }
    a->inputs = argv + optind;
    a->ninputs = argc - optind;
    return 0;
}

/* The chain's text, malloc'd: --chain as given, else the standard chain
 * ending in -t's writer, or in the writer the extension of -o names (align:
 * the report writer), or txt; -f puts its reader first. NULL after a usage
 * message. */
static char *chain_text_for(const struct args *a)
{
    char err[1024];
    const char *writer = a->fmt;
    int dir = 0;
    struct stat sb;
    if (a->out && strcmp(a->out, "-") != 0)
        dir = !strcmp(a->verb, "batch") || (stat(a->out, &sb) == 0 && S_ISDIR(sb.st_mode)) ||
              (a->ninputs > 1 && strcmp(a->verb, "align") != 0);
    if (!strcmp(a->verb, "align")) {
        if (a->chain) {
            usage_error("%s", "align chooses its chain: give -o REPORT (and -t WRITER:opts for "
                              "the report's options)");
            return NULL;
        }
        const struct hx_filter *f = a->out ? hx_writer_for_name(a->out, 1, err, sizeof err) : NULL;
        if (!f) {
            usage_error("align needs -o REPORT: %s", a->out ? err : "no -o given");
            return NULL;
        }
        writer = f->name;
        if (a->fmt) { /* the report's writer again, with its options */
            size_t n = strcspn(a->fmt, ":");
            if (strlen(f->name) != n || strncmp(a->fmt, f->name, n) != 0) {
                usage_error("-t %.*s: -o %s is written by %s (give -t %s:OPTS)", (int)n, a->fmt,
                            a->out, f->name, f->name);
                return NULL;
            }
            writer = a->fmt;
        }
        if (a->segments && strcmp(writer, "align-tmx") != 0) {
            usage_error("%s", "--segments applies to a .tmx report");
            return NULL;
        }
    } else if (!writer && !a->chain && a->out && strcmp(a->out, "-") != 0 && !dir &&
               strchr(a->out + (strrchr(a->out, '/') ? strrchr(a->out, '/') - a->out : 0), '.')) {
        /* a name with an extension; one without gets plain text */
        const struct hx_filter *f = hx_writer_for_name(a->out, 0, err, sizeof err);
        if (!f) {
            usage_error("%s", err);
            return NULL;
        }
        writer = f->name;
    }
    const char *body = a->chain;
    char *std = NULL;
    if (!body) {
        const char *w = writer ? writer : "txt";
        /* align: --original, --accept and --segments are its stages' options */
        const char *o = a->original ? a->original : "", *acc = a->accept ? a->accept : "";
        const char *seg = a->segments ? a->segments : "";
        size_t extra = strlen(o) + strlen(acc) + strlen(seg) + 64;
        size_t len = strlen(hx_standard_filters) + strlen(w) + 16 + extra;
        if (!strcmp(a->verb, "align"))
            len += sizeof "align | ";
        std = hx_xmalloc(len + strlen(w));
        char *tail = hx_xmalloc(strlen(w) + sizeof "align | " + extra);
        if (strcmp(a->verb, "align") != 0)
            sprintf(tail, "%s", w);
        else
            sprintf(tail, "align%s%s%s%s%s%s | %s%s%s", *o || *acc ? ":" : "",
                    *o ? "original=" : "", o, *o && *acc ? "," : "", *acc ? "accept=" : "", acc, w,
                    !*seg            ? ""
                    : strchr(w, ':') ? ",segtype="
                                     : ":segtype=",
                    seg);
        hx_chain_standard(tail, std, len);
        free(tail);
        body = std;
    }
    size_t n = strlen(body) + (a->from ? strlen(a->from) + 4 : 0) + 1;
    char *text = hx_xmalloc(n);
    snprintf(text, n, "%s%s%s", a->from ? a->from : "", a->from ? " | " : "", body);
    free(std);
    return text;
}

/* convert --timeout: the run gives up, removing its temporaries; the
 * message is made before, as a handler may only write(). */
static char timeout_msg[160];

static void on_timeout(int sig)
{
    hx_cleanup_now();
    if (write(STDERR_FILENO, timeout_msg, strlen(timeout_msg)) < 0)
        _exit(1);
    _exit(1);
}

static void start_timeout(unsigned secs)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_timeout;
    sigemptyset(&sa.sa_mask);
    snprintf(timeout_msg, sizeof timeout_msg,
             "hexaglot: error: gave up after %u s (--timeout); nothing written\n", secs);
    sigaction(SIGALRM, &sa, NULL);
    alarm(secs);
}

/* Standard input as a file (readers need to sniff and reread it, a DOCX
 * needs random access): copied once into a temporary file. NULL after a
 * message on stderr. Caller unlinks and frees. */
static char *stdin_to_file(void)
{
    const char *dir = getenv("TMPDIR");
    char buf[65536];
    size_t n;
    if (!dir || !*dir)
        dir = "/tmp";
    size_t size = strlen(dir) + sizeof "/hexaglot-stdin-XXXXXX";
    char *path = hx_xmalloc(size);
    snprintf(path, size, "%s/hexaglot-stdin-XXXXXX", dir);
    int fd = mkstemp(path); /* 0600: standard input may be confidential */
    if (fd >= 0)
        hx_cleanup_temp_add(path);
    FILE *fp = fd < 0 ? NULL : fdopen(fd, "wb");
    int ok = fp != NULL;
    while (ok && (n = fread(buf, 1, sizeof buf, stdin)) > 0)
        ok = fwrite(buf, 1, n, fp) == n;
    if (ferror(stdin))
        ok = 0;
    if (fp && fclose(fp) != 0)
        ok = 0;
    if (!ok) {
        fprintf(stderr, "<stdin>:0: error: hexaglot: cannot keep standard input in %s: %s\n", dir,
                strerror(errno));
        if (fd >= 0) {
            unlink(path);
            hx_cleanup_temp_forget(path);
        }
        free(path);
        return NULL;
    }
    return path;
}

/* Runs one set; 0 when every document was written. "-" reads standard
 * input, named "<stdin>" in diagnostics. */
static int run_set(struct hx_chain *c, char **paths, size_t n, const char *out,
                   const struct args *a, struct hx_diags *diags)
{
    struct hx_set *set = hx_set_new((const char *const *)paths, n);
    char *tmp = NULL;
    int rc = -1;
    for (size_t i = 0; i < n; i++) {
        struct hx_doc *doc = set->docs[i];
        if (a->lang)
            doc->lang = hx_strdup(doc->arena, a->lang);
        if (strcmp(paths[i], "-") == 0) {
            if (tmp || !(tmp = stdin_to_file())) /* main allows one "-" */
                goto out;
            doc->path = "<stdin>";
            doc->source = hx_strdup(doc->arena, tmp);
        }
    }
    rc = hx_chain_run(c, set, out, diags);
out:
    if (tmp) {
        unlink(tmp);
        hx_cleanup_temp_forget(tmp);
        free(tmp);
    }
    hx_set_free(set);
    return rc;
}

/* `convert`: with a per-document writer and several inputs (or -o DIR),
 * one document at a time into DIR/<name>.<ext>, so that memory does not
 * grow with the number of inputs; two inputs with one output name are
 * refused (the first keeps it). Else the inputs are one set (align). */
static int run_convert(struct hx_chain *c, const struct args *a, struct hx_diags *diags)
{
    const struct hx_filter *w = hx_chain_writer(c);
    const char *out = a->out ? a->out : "-";
    struct stat sb;
    int into_dir =
        strcmp(out, "-") != 0 && (a->ninputs > 1 || (stat(out, &sb) == 0 && S_ISDIR(sb.st_mode)));
    if (!w->write || !into_dir)
        return run_set(c, a->inputs, (size_t)a->ninputs, out, a, diags);
    if (stat(out, &sb) != 0 && mkdir(out, 0777) != 0 && errno != EEXIST) {
        hx_diags_add(diags, HX_SEV_ERROR, out, 0, "hexaglot", NULL,
                     "cannot create the output directory: %s", strerror(errno));
        return -1;
    }
    struct hx_arena *names = hx_arena_new();
    char **targets = hx_alloc(names, (size_t)a->ninputs * sizeof *targets);
    int rc = 0;
    for (int i = 0; i < a->ninputs; i++) {
        const char *in = strcmp(a->inputs[i], "-") ? a->inputs[i] : "<stdin>";
        targets[i] = hx_output_name(names, out, in, w->ext ? w->ext : "out");
        for (int k = 0; k < i; k++) /* inputs named on a command line: few */
            if (targets[k] && !strcmp(targets[k], targets[i])) {
                hx_diags_add(diags, HX_SEV_ERROR, in, 0, "hexaglot", NULL,
                             "its output %s would overwrite that of %s; convert it separately",
                             targets[i], a->inputs[k]);
                targets[i] = NULL;
                rc = -1;
                break;
            }
        if (targets[i] && run_set(c, &a->inputs[i], 1, targets[i], a, diags) < 0)
            rc = -1;
    }
    hx_arena_free(names);
    return rc;
}

/* Creates dir and the directories above it. */
static int make_dirs(const char *dir)
{
    size_t dlen = strlen(dir) + 1;
    char *p = memcpy(hx_xmalloc(dlen), dir, dlen);
    for (char *s = p + 1; (s = strchr(s, '/')) != NULL; s++) {
        *s = 0;
        mkdir(p, 0777);
        *s = '/';
    }
    int rc = mkdir(p, 0777) == 0 || errno == EEXIST ? 0 : -1;
    free(p);
    return rc;
}

/* batch --align: the language versions of each document of the plan
 * (grouped by --align's naming rule) aligned into a report beside them.
 * 0 when every report was written. */
static int align_groups(const struct args *a, const struct hx_batch_plan *plan,
                        struct hx_arena *arena, struct hx_diags *diags)
{
    char err[1024];
    const char *ext = a->report ? a->report : "html";
    const struct hx_filter *w =
        hx_writer_for_name(hx_printf(arena, "x.%s", ext), 1, err, sizeof err);
    if (!w) {
        hx_diags_add(diags, HX_SEV_ERROR, NULL, 0, "batch", NULL, "--report %s: %s", ext, err);
        return -1;
    }
    char tail[128], std[1024];
    snprintf(tail, sizeof tail, "align | %s", w->name);
    hx_chain_standard(tail, std, sizeof std);
    const char *text = a->from ? hx_printf(arena, "%s | %s", a->from, std) : std;
    struct hx_chain *c = hx_chain_build(text, err, sizeof err);
    if (!c) {
        hx_diags_add(diags, HX_SEV_ERROR, NULL, 0, "batch", NULL, "--align: %s", err);
        return -1;
    }
    struct hx_batch_group *g;
    size_t ng = hx_batch_groups(plan, (enum hx_group_rule)(a->align - 1), ext, arena, &g);
    int rc = 0;
    for (size_t i = 0; i < ng; i++) {
        if (g[i].n < 2)
            continue; /* one version: nothing to align it with */
        if (g[i].n > 6) {
            hx_diags_add(diags, HX_SEV_ERROR, g[i].report, 0, "batch", NULL,
                         "%zu versions of one document; align takes two to six", g[i].n);
            rc = -1;
            continue;
        }
        char **paths = hx_alloc(arena, g[i].n * sizeof *paths);
        for (size_t k = 0; k < g[i].n; k++)
            paths[k] = (char *)plan->v[g[i].items[k]].path;
        if (run_set(c, paths, g[i].n, g[i].report, a, diags) < 0)
            rc = -1;
    }
    hx_chain_free(c);
    return rc;
}

/* `batch`: plans the inputs (files, directories, @manifests; this shard's
 * slice), then runs the pool. 0 when every planned document was written. */
static int run_batch(struct hx_chain *c, const struct args *a, const char *chain_text,
                     struct hx_diags *diags)
{
    const struct hx_filter *w = hx_chain_writer(c);
    struct hx_batch_select sel = {a->exts, a->shard, a->shards};
    if (!a->shard_given && !hx_batch_shard_from_env(&sel.shard, &sel.shards, a->shards_opt))
        sel.shards = 1;
    if (make_dirs(a->out) != 0) {
        hx_diags_add(diags, HX_SEV_ERROR, a->out, 0, "batch", NULL,
                     "cannot create the output directory: %s", strerror(errno));
        return -1;
    }
    struct hx_arena *arena = hx_arena_new();
    struct hx_batch_plan plan;
    hx_batch_plan_make(&plan, arena, a->inputs, (size_t)a->ninputs, a->out, w->ext ? w->ext : "out",
                       &sel, diags);
    char *recipe = hx_printf(arena, "%s\t%s", chain_text, a->lang ? a->lang : "");
    int tty = isatty(2);
    struct hx_batch_opts bo = {a->out, a->lang,   a->jobs,         a->timeout, w->name,
                               recipe, a->resume, tty && !a->json, a->verbose, tty || a->verbose,
                               a->log};
    int rc = hx_batch_run(c, &plan, &bo, diags);
    if (a->align && align_groups(a, &plan, arena, diags) != 0)
        rc = -1;
    hx_arena_free(arena);
    return rc != 0 || plan.refused ? -1 : 0;
}

int main(int argc, char **argv)
{
    struct args a = {0};
    struct hx_diags diags = {0};
    char err[1024];
    int status = 0;

    hx_cleanup_install();

    if (argc < 2) {
        fputs(usage_text, stderr);
        return EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        fputs(usage_text, stdout);
        fputs(help_text, stdout);
        return 0;
    }
    if (!strcmp(argv[1], "--version")) {
        hx_version_print(stdout);
        return 0;
    }
    a.verb = argv[1];
    if (!strcmp(a.verb, "stages")) {
        hx_stages_print(stdout);
        return 0;
    }
    if (strcmp(a.verb, "convert") && strcmp(a.verb, "batch") && strcmp(a.verb, "align"))
        return usage_error("unknown verb '%s' (convert, batch, align, stages)", a.verb);
    if (parse_args(argc, argv, &a))
        return EXIT_USAGE;
    if (a.ninputs < 1)
        return usage_error("%s: no input files", a.verb);
    if (a.fmt && a.chain)
        return usage_error("%s", "give -t or --chain, not both");

    if (!strcmp(a.verb, "align") && (a.ninputs < 2 || a.ninputs > 6))
        return usage_error("align takes two to six versions, not %s",
                           a.ninputs < 2 ? "one" : "more");
    if (!strcmp(a.verb, "batch") && a.merge)
        return hx_batch_logs_merge(a.inputs, (size_t)a.ninputs, a.out, stdout) ? EXIT_DOC : 0;
    if (!strcmp(a.verb, "batch") && !a.out)
        return usage_error("%s", "batch needs -o DIR");
    struct stat osb;
    if (!strcmp(a.verb, "batch") && stat(a.out, &osb) == 0 && !S_ISDIR(osb.st_mode))
        return usage_error("batch -o %s: not a directory", a.out);
    int stdins = 0;
    for (int i = 0; i < a.ninputs; i++)
        stdins += !strcmp(a.inputs[i], "-");
    if (stdins && !strcmp(a.verb, "batch"))
        return usage_error("%s", "batch reads files, not standard input ('-')");
    if (stdins > 1)
        return usage_error("%s", "standard input ('-') can be given once");

    if (strcmp(a.verb, "batch") != 0 && a.jobs)
        return usage_error("-j is for batch (%s runs in one process; use 'hexaglot batch -j N')",
                           a.verb);
    if (a.max_memory)
        hx_mem_set_limit((size_t)a.max_memory << 20);

    if (a.nfmts > 1 && strcmp(a.verb, "batch") != 0)
        return usage_error("%s takes one -t (batch takes several: -t txt -t pdf)", a.verb);
    /* Every chain is built, so checked, before any document is read. */
    int nchains = a.nfmts > 1 ? a.nfmts : 1;
    char *chain_text[MAX_FORMATS] = {0};
    struct hx_chain *c[MAX_FORMATS] = {0};
    for (int k = 0; k < nchains; k++) {
        if (a.nfmts > 1)
            a.fmt = a.fmts[k];
        if (!(chain_text[k] = chain_text_for(&a)) ||
            !(c[k] = hx_chain_build(chain_text[k], err, sizeof err))) {
            if (chain_text[k])
                usage_error("%s", err);
            for (int j = 0; j <= k; j++) {
                hx_chain_free(c[j]);
                free(chain_text[j]);
            }
            return EXIT_USAGE;
        }
    }

    if (!strcmp(a.verb, "batch")) {
        for (int k = 0; k < nchains; k++)
            if (run_batch(c[k], &a, chain_text[k], &diags) != 0)
                status = EXIT_DOC;
    } else {
        if (a.timeout)
            start_timeout(a.timeout);
        if (run_convert(c[0], &a, &diags) < 0)
            status = EXIT_DOC;
        alarm(0);
    }
    if (diags.errors)
        status = EXIT_DOC;
    /* --check: a disagreement the align stage found fails the run; other
     * stages' warnings are about one version, not about the versions. */
    for (size_t i = 0; a.check && i < diags.n; i++)
        if (diags.v[i].sev == HX_SEV_WARNING &&
            (strcmp(a.verb, "align") != 0 ||
             (diags.v[i].stage && strcmp(diags.v[i].stage, "align") == 0)))
            status = EXIT_DOC;
    if (a.json)
        hx_diags_print_json(&diags, stderr, a.verbose ? HX_SEV_NOTE : HX_SEV_WARNING);
    else
        hx_diags_print(&diags, stderr, a.verbose ? HX_SEV_NOTE : HX_SEV_WARNING);
    hx_diags_free(&diags);
    for (int k = 0; k < nchains; k++) {
        hx_chain_free(c[k]);
        free(chain_text[k]);
    }
    /* Frees ICU's caches (transliterators, break rules), so that leak
     * checkers see only our own memory. */
    u_cleanup();
    return status;
}

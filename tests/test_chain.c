/* Chain building and option parsing, checked before anything runs. */
#include "chain.h"
#include "check.h"

struct opts {
    int flag, n, choice;
    const char *name;
};
static const char *const choices[] = {"accept", "reject", "all", NULL};
static const struct hx_opt table[] = {
    {"flag", HX_OPT_BOOL, offsetof(struct opts, flag), "0", "a switch", NULL, 0, 0},
    {"n", HX_OPT_INT, offsetof(struct opts, n), "3", "a number", NULL, 0, 200},
    {"changes", HX_OPT_ENUM, offsetof(struct opts, choice), "accept", "", choices, 0, 0},
    {"name", HX_OPT_STR, offsetof(struct opts, name), NULL, "", NULL, 0, 0},
    {0},
};
static const struct hx_filter fake = {.name = "fake", .kind = HX_FILTER, .opts = table};

static int opts_ok(const char *spec, struct opts *o)
{
    char err[256];
    struct hx_arena *a = hx_arena_new();
    memset(o, 0, sizeof *o);
    int rc = hx_opts_parse(&fake, o, spec, a, err, sizeof err);
    if (o->name)
        o->name = strcmp(o->name, "x y") == 0 ? "x y" : "other";
    hx_arena_free(a);
    return rc;
}

static const char *build_err(const char *text)
{
    static char err[1024];
    err[0] = 0;
    struct hx_chain *c = hx_chain_build(text, err, sizeof err);
    if (c) {
        hx_chain_free(c);
        return NULL;
    }
    return err;
}

int main(void)
{
    struct opts o;
    CHECK_INT(opts_ok(NULL, &o), 0);
    CHECK_INT(o.n, 3);
    CHECK_INT(o.choice, 0);
    CHECK_INT(opts_ok("flag,n=72,changes=all,name=x y", &o), 0);
    CHECK_INT(o.flag, 1);
    CHECK_INT(o.n, 72);
    CHECK_INT(o.choice, 2);
    CHECK_STR(o.name, "x y");
    CHECK_INT(opts_ok("flag=no", &o), 0);
    CHECK_INT(o.flag, 0);
    CHECK_INT(opts_ok("n=201", &o), -1);
    CHECK_INT(opts_ok("n=7x", &o), -1);
    CHECK_INT(opts_ok("n", &o), -1);
    CHECK_INT(opts_ok("changes=maybe", &o), -1);
    CHECK_INT(opts_ok("bogus=1", &o), -1);
    CHECK_INT(opts_ok("flag=2", &o), -1);

    /* The runner keeps per-reader state by registry index. */
    int nreg = 0;
    while (hx_registry[nreg])
        nreg++;
    CHECK(nreg > 0 && nreg <= 256);

    /* Chains: the registry's real stages. */
    CHECK(build_err("text | txt") == NULL);
    CHECK(build_err("txt:ids,wrap=40") == NULL);
    CHECK(build_err("xml | xml") == NULL);
    /* "akn" is a reader and a writer too: position decides */
    CHECK(build_err("akn | structure | akn") == NULL);
    CHECK(build_err("akn") == NULL);
    CHECK(build_err("text | akn") == NULL);
    const char *e = build_err("text | nosuch | txt");
    CHECK(e && strstr(e, "unknown stage 'nosuch'"));
    e = build_err("text | txt:nosuch");
    CHECK(e && strstr(e, "unknown option 'nosuch'"));
    e = build_err("text");
    CHECK(e && strstr(e, "ends with a writer"));
    e = build_err("text |  | txt");
    CHECK(e && strstr(e, "empty stage"));
    e = build_err("txt | text");
    CHECK(e != NULL);

    /* A writer's last word: a stream that failed is an error naming the
     * output, one that did not is nothing. */
    struct hx_diags diags = {0};
    struct hx_stage st = {.f = &fake, .diags = &diags};
    struct hx_output out = {.fp = tmpfile(), .name = "report.tsv"};
    CHECK(out.fp != NULL);
    if (out.fp) {
        fputs("fine", out.fp);
        CHECK_INT(hx_output_check(&st, &out), 0);
        CHECK_INT((int)diags.n, 0);
        fclose(out.fp);
    }
    out.fp = fopen("/dev/null", "r"); /* writing to it fails */
    CHECK(out.fp != NULL);
    if (out.fp) {
        fputc('x', out.fp);
        CHECK_INT(hx_output_check(&st, &out), -1);
        CHECK(diags.errors == 1 && strstr(diags.v[0].msg, "cannot write report.tsv"));
        fclose(out.fp);
    }
    hx_diags_free(&diags);
    return check_done();
}

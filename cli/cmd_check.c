/*
 * evidex check DRAFT...: each figure of a draft against the corpus, as
 * file:line:col: warning: lines that editors read.
 */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>

static const ev_cmd_help help = {
    "check", "DRAFT... [--strict] [-v] [--why] [--synonyms FILE]",
    "Check the figures of a draft (Markdown, plain text or LaTeX) against\n"
    "the indexed sources. Prints file:line:col: warning: for each figure\n"
    "the sources contradict or dispute, with a note: line per source.",
    "Verdicts: supported (the sources on that quantity agree), contradicted\n"
    "(none agrees, some disagree), disputed (some agree, some disagree),\n"
    "unsupported (no source states it; shown with --strict). Code blocks,\n"
    "inline code, LaTeX commands and comments are skipped.\n"
    "Exit status 1 when a figure is contradicted or disputed (and, with\n"
    "--strict, unsupported), so it can run in a pre-commit hook.",
    "  evidex check draft.md\n"
    "  evidex check -v --why chapter2.tex\n"
    "  evidex --json check draft.md\n"};

static void source_label(ev_buf *b, const ev_claim *c)
{
    cli_format_value(b, c->lo, c->hi, c->unit, c->qualifier);
    ev_buf_printf(b, " (%s:%d", c->doc ? c->doc : "?", c->line);
    if (c->cites.n) {
        const ev_citation *ct = &c->cites.v[0];
        const char *t = ct->text ? ct->text : "";
        ev_buf_printf(b, ", %s", ev_cite_kind_name(ct->kind));
        if (ct->marker && ct->kind != EV_CITE_ATTRIBUTION)
            ev_buf_printf(b, " %s", ct->marker);
        ev_buf_printf(b, ": %.80s%s", t, strlen(t) > 80 ? "..." : "");
    }
    ev_buf_putc(b, ')');
}

static void print_human(const char *file, const ev_draft_figure *d,
                        int verbose, int strict, int why)
{
    const ev_check_result *r = &d->result;
    const char *subject = r->subject ? r->subject
                          : d->fig.subject ? d->fig.subject : "this quantity";
    ev_buf b = EV_BUF_INIT;
    size_t i;
    int warn = r->verdict == EV_V_CONTRADICTED || r->verdict == EV_V_DISPUTED;
    if (!warn && !(verbose && r->verdict == EV_V_SUPPORTED) &&
        !(strict && r->verdict == EV_V_UNSUPPORTED))
        return;
    printf("%s:%d:%d: %s: \"%s\" ", file, d->fig.line, d->col,
           warn || r->verdict == EV_V_UNSUPPORTED ? "warning" : "note",
           d->fig.surface);
    if (r->verdict == EV_V_CONTRADICTED || r->verdict == EV_V_DISPUTED) {
        printf("%s %zu source(s) on %s: ",
               r->verdict == EV_V_CONTRADICTED ? "contradicts"
                                               : "is disputed by",
               r->disagree.n, subject);
        for (i = 0; i < r->disagree.n && i < 3; i++) {
            if (i)
                fputs(", ", stdout);
            source_label(&b, &d->sources.v[r->disagree.v[i]]);
            fputs(b.ptr ? b.ptr : "", stdout);
            ev_buf_clear(&b);
        }
        if (r->verdict == EV_V_DISPUTED)
            printf("; %zu source(s) agree", r->agree.n);
        putchar('\n');
    } else if (r->verdict == EV_V_SUPPORTED) {
        printf("supported by %zu source(s) on %s\n", r->agree.n, subject);
    } else {
        printf("no source states this figure\n");
    }
    for (i = 0; i < r->disagree.n; i++) {
        source_label(&b, &d->sources.v[r->disagree.v[i]]);
        printf("%s:%d:%d: note: disagrees: %s\n", file, d->fig.line, d->col,
               b.ptr ? b.ptr : "");
        ev_buf_clear(&b);
    }
    for (i = 0; i < r->agree.n; i++) {
        source_label(&b, &d->sources.v[r->agree.v[i]]);
        printf("%s:%d:%d: note: agrees: %s\n", file, d->fig.line, d->col,
               b.ptr ? b.ptr : "");
        ev_buf_clear(&b);
    }
    if (why && r->why)
        printf("%s:%d:%d: note: why: %s\n", file, d->fig.line, d->col, r->why);
    ev_buf_release(&b);
}

static void print_json(const char *file, const ev_draft_figure *d, int why)
{
    const ev_check_result *r = &d->result;
    ev_buf b = EV_BUF_INIT;
    size_t i;
    int first = 1;
    ev_buf_puts(&b, "{\"file\":");
    ev_buf_json_str(&b, file, strlen(file));
    ev_buf_printf(&b, ",\"line\":%d,\"col\":%d,\"surface\":", d->fig.line,
                  d->col);
    ev_buf_json_str(&b, d->fig.surface, strlen(d->fig.surface));
    ev_buf_printf(&b, ",\"value_lo\":%.17g,\"value_hi\":%.17g,\"unit\":",
                  d->fig.lo, d->fig.hi);
    ev_buf_json_str(&b, d->fig.unit, strlen(d->fig.unit));
    ev_buf_printf(&b, ",\"qualifier\":\"%s\",\"verdict\":\"%s\",\"subject\":",
                  ev_qualifier_name(d->fig.qualifier),
                  ev_verdict_name(r->verdict));
    ev_buf_json_cstr(&b, r->subject);
    if (why && r->why) {
        ev_buf_puts(&b, ",\"why\":");
        ev_buf_json_str(&b, r->why, strlen(r->why));
    }
    ev_buf_puts(&b, ",\"sources\":[");
    for (i = 0; i < r->disagree.n; i++, first = 0) {
        if (!first)
            ev_buf_putc(&b, ',');
        ev_buf_puts(&b, "{\"agrees\":false,\"claim\":");
        ev_claim_json(&b, &d->sources.v[r->disagree.v[i]],
                      d->sources.v[r->disagree.v[i]].doc);
        ev_buf_putc(&b, '}');
    }
    for (i = 0; i < r->agree.n; i++, first = 0) {
        if (!first)
            ev_buf_putc(&b, ',');
        ev_buf_puts(&b, "{\"agrees\":true,\"claim\":");
        ev_claim_json(&b, &d->sources.v[r->agree.v[i]],
                      d->sources.v[r->agree.v[i]].doc);
        ev_buf_putc(&b, '}');
    }
    ev_buf_puts(&b, "]}");
    cli_put_line(&b);
    ev_buf_release(&b);
}

int cmd_check(int argc, char **argv, ev_cli *cli)
{
    const char *syn_path = getenv("EVIDEX_SYNONYMS");
    int strict = 0, verbose = 0, why = 0, n, i, rc = 0, found = 0;
    char **pos = calloc((size_t)argc + 1, sizeof(char *));
    const ev_opt opts[] = {
        {"--strict", 0, OPT_FLAG, &strict, NULL,
         "also warn about figures no source states"},
        {"--verbose", 'v', OPT_FLAG, &verbose, NULL,
         "also list supported figures"},
        {"--why", 0, OPT_FLAG, &why, NULL,
         "show why claims were compared"},
        {"--synonyms", 0, OPT_STR, &syn_path, "FILE", "extra synonym sets"},
    };
    ev_index *idx = NULL;
    const ev_extractor *ex;
    ev_synonyms *syn = NULL;
    ev_err err = {0, ""};
    if (!pos) {
        cli_error("out of memory");
        return EXIT_ERR;
    }
    n = cli_parse(cli, argc, argv, opts, sizeof(opts) / sizeof(opts[0]),
                  &help, pos, argc);
    if (n <= 0) {
        if (n == 0)
            cli_error("check: no DRAFT given (see 'evidex check --help')");
        free(pos);
        return n == -1 ? EXIT_OK : EXIT_ERR;
    }
    ex = cli_extractor(cli);
    if (!ex || ev_synonyms_load(&syn, syn_path, &err)) {
        if (ex)
            cli_error("check: %s", err.msg);
        free(pos);
        return EXIT_ERR;
    }
    idx = cli_open_index(cli, 0);
    if (!idx) {
        ev_synonyms_free(syn);
        free(pos);
        return EXIT_ERR;
    }
    for (i = 0; i < n; i++) {
        ev_draft_vec figs = {0};
        size_t k;
        if (ev_check_draft(idx, ex, syn, pos[i], &figs, &err)) {
            cli_error("check: %s", err.msg);
            rc = EXIT_ERR;
            ev_draft_vec_release(&figs);
            continue;
        }
        for (k = 0; k < figs.n; k++) {
            int v = figs.v[k].result.verdict;
            if (v == EV_V_CONTRADICTED || v == EV_V_DISPUTED ||
                (strict && v == EV_V_UNSUPPORTED))
                found = 1;
            if (cli->json)
                print_json(pos[i], &figs.v[k], why);
            else
                print_human(pos[i], &figs.v[k], verbose, strict, why);
        }
        ev_draft_vec_release(&figs);
    }
    ev_index_free(idx);
    ev_synonyms_free(syn);
    free(pos);
    if (rc)
        return rc;
    return found ? EXIT_FOUND : EXIT_OK;
}

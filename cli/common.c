/*
 * Helpers shared by the commands: opening the index and the extractor,
 * writing NDJSON lines, and the human form of a claim.
 */
#include "cmd.h"

#include <math.h>
#include <string.h>
#include <unistd.h>

ev_index *cli_open_index(ev_cli *cli, int writable)
{
    ev_index *idx = NULL;
    ev_err err = {0, ""};
    int rc;
    if (!writable && access(cli->db, F_OK) != 0) {
        cli_error("no index at '%s': run 'evidex add PATH' first (or give "
                  "--db FILE)", cli->db);
        return NULL;
    }
    rc = ev_index_open(&idx, cli->db,
                       writable ? EV_INDEX_INGEST : EV_INDEX_READONLY, &err);
    if (rc) {
        cli_error("%s", err.msg);
        return NULL;
    }
    return idx;
}

const ev_extractor *cli_extractor(ev_cli *cli)
{
    ev_err err = {0, ""};
    if (!cli->ex && ev_extractor_new(&cli->ex, &err)) {
        cli_error("cannot start the extractor: %s", err.msg);
        return NULL;
    }
    return cli->ex;
}

void cli_put_line(ev_buf *b)
{
    if (b->len)
        fwrite(b->ptr, 1, b->len, stdout);
    fputc('\n', stdout);
    ev_buf_clear(b);
}

/* Whether a is a whole multiple of unit, allowing for binary rounding
 * (1.7 * 1e9 is not exactly 1700000000). */
static int multiple_of(double a, double unit)
{
    double q = a / unit;
    return fabs(q - round(q)) < 1e-6 * (q > 1 ? q : 1);
}

static void fmt_num(ev_buf *b, double v, const char *unit)
{
    double a = fabs(v);
    int money = strlen(unit) == 3 && unit[0] >= 'A' && unit[0] <= 'Z';
    if (money && a >= 1e9 && multiple_of(a, 1e7))
        ev_buf_printf(b, "%g billion", v / 1e9);
    else if (money && a >= 1e6 && multiple_of(a, 1e4))
        ev_buf_printf(b, "%g million", v / 1e6);
    else if (a >= 1e15 || (a > 0 && a < 1e-4))
        ev_buf_printf(b, "%g", v);
    else
        ev_buf_printf(b, "%.15g", v);
}

void cli_format_value(ev_buf *b, double lo, double hi, const char *unit,
                      int qualifier)
{
    static const char *const prefix[] = {"", "~", ">=", "<=", ">", "<", ""};
    if (qualifier >= 0 && qualifier < 7)
        ev_buf_puts(b, prefix[qualifier]);
    fmt_num(b, lo, unit);
    if (hi != lo) {
        ev_buf_putc(b, '-');
        fmt_num(b, hi, unit);
    }
    if (strcmp(unit, "percent") == 0)
        ev_buf_putc(b, '%');
    else if (strcmp(unit, "count") != 0) {
        ev_buf_putc(b, ' ');
        ev_buf_puts(b, unit);
    }
}

void cli_print_claim(FILE *fp, const ev_claim *c, int indent)
{
    ev_buf v = EV_BUF_INIT;
    size_t i;
    cli_format_value(&v, c->lo, c->hi, c->unit, c->qualifier);
    fprintf(fp, "%*s%s:%d: %s  [%s]", indent, "", c->doc ? c->doc : "-",
            c->line, c->surface ? c->surface : "", v.ptr ? v.ptr : "");
    if (c->year)
        fprintf(fp, " (%d)", c->year);
    if (c->subject && *c->subject)
        fprintf(fp, " %s", c->subject);
    fputc('\n', fp);
    if (c->sentence) {
        /* the sentence with the figure marked by >> << */
        const char *s = c->sentence, *hit = NULL;
        if (c->surface && *c->surface)
            hit = strstr(s, c->surface);
        if (hit)
            fprintf(fp, "%*s  \"%.*s>>%s<<%s\"\n", indent, "",
                    (int)(hit - s), s, c->surface, hit + strlen(c->surface));
        else
            fprintf(fp, "%*s  \"%s\"\n", indent, "", s);
    }
    for (i = 0; i < c->cites.n; i++) {
        const ev_citation *ct = &c->cites.v[i];
        const char *text = ct->text ? ct->text : "";
        fprintf(fp, "%*s  source: %s", indent, "", ev_cite_kind_name(ct->kind));
        if (ct->marker && ct->kind != EV_CITE_ATTRIBUTION)
            fprintf(fp, " %s", ct->marker);
        fprintf(fp, ": %.300s%s", text, strlen(text) > 300 ? "..." : "");
        if (ct->url && !strstr(text, ct->url))
            fprintf(fp, " <%s>", ct->url);
        fputc('\n', fp);
    }
    ev_buf_release(&v);
}

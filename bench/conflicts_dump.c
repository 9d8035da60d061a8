/*
 * conflicts_dump [--why] [--min-sources N] [--synonyms FILE] FILE...:
 * reads each file with corpus/, runs the whole extraction, gathers every
 * claim (doc = the file's name), runs ev_conflicts_find over all of them
 * and prints one NDJSON group per line:
 * {"subject", "severity", ["why",] "claims": [claim objects]} — the form
 * tools/score_conflicts.py reads. --debug 'S1|S2' first prints the
 * features of the claims with those surfaces and every pair decision.
 */
#include "corpus.h"
#include "extract.h"
#include "compare_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef EV_VEC(ev_claim) claim_vec;

int main(int argc, char **argv)
{
    ev_extractor *ex = NULL;
    ev_synonyms *syn = NULL;
    ev_err err = {0, ""};
    ev_buf b = EV_BUF_INIT;
    claim_vec all = {NULL, 0, 0};
    ev_group_vec groups = {NULL, 0, 0};
    const char *syn_path = NULL, *debug = NULL;
    int i, why = 0, min_sources = 1, status = 0, n_files = 0;
    size_t g, k;

    for (i = 1; i < argc && argv[i][0] == '-'; i++) {
        if (!strcmp(argv[i], "--why"))
            why = 1;
        else if (!strcmp(argv[i], "--min-sources") && i + 1 < argc)
            min_sources = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--synonyms") && i + 1 < argc)
            syn_path = argv[++i];
        else if (!strcmp(argv[i], "--debug") && i + 1 < argc)
            debug = argv[++i];
        else
            break;
    }
    if (i >= argc) {
        fprintf(stderr, "usage: conflicts_dump [--why] [--min-sources N] "
                        "[--synonyms FILE] FILE...\n");
        return 2;
    }
    ev_corpus_global_init();
    if (ev_extractor_new(&ex, &err) || ev_synonyms_load(&syn, syn_path, &err)) {
        fprintf(stderr, "conflicts_dump: %s\n", err.msg);
        ev_extractor_free(ex);
        return 2;
    }
    for (; i < argc; i++) {
        ev_doc doc;
        ev_doc_init(&doc);
        n_files++;
        if (ev_corpus_read(&doc, argv[i], NULL, &err) ||
            ev_extract_doc(ex, &doc, &err)) {
            fprintf(stderr, "conflicts_dump: %s: %s\n", argv[i], err.msg);
            status = 2;
            ev_doc_release(&doc);
            continue;
        }
        for (k = 0; k < doc.claims.n; k++) {
            ev_claim *c = ev_vec_push(&all);
            if (!c || ev_claim_copy(c, &doc.claims.v[k])) {
                if (c)
                    all.n--;
                fprintf(stderr, "conflicts_dump: out of memory\n");
                status = 2;
                break;
            }
            free(c->doc);
            c->doc = ev_strdup(doc.name ? doc.name : argv[i]);
        }
        ev_doc_release(&doc);
    }
    if (debug) {
        /* --debug 'S1|S2|...': features and pair decisions of the claims
         * whose surface is one of S1, S2, ... */
        int *sel = malloc((all.n + 1) * sizeof(*sel));
        size_t n_sel = 0;
        for (k = 0; sel && k < all.n; k++) {
            const char *s = all.v[k].surface, *p = debug;
            size_t sl = s ? strlen(s) : 0;
            while (s && p && *p) {
                const char *bar = strchr(p, '|');
                size_t pl = bar ? (size_t)(bar - p) : strlen(p);
                if (pl == sl && !strncmp(p, s, pl)) {
                    sel[n_sel++] = (int)k;
                    break;
                }
                p = bar ? bar + 1 : NULL;
            }
        }
        if (sel && !ev_compare__debug(syn, all.v, all.n, sel, n_sel, &b))
            fwrite(b.ptr, 1, b.len, stdout);
        ev_buf_clear(&b);
        free(sel);
    }
    if (ev_conflicts_find(ex, syn, all.v, all.n, min_sources, &groups)) {
        fprintf(stderr, "conflicts_dump: out of memory\n");
        status = 2;
    }
    for (g = 0; g < groups.n; g++) {
        const ev_group *gr = &groups.v[g];
        ev_buf_clear(&b);
        ev_buf_puts(&b, "{\"subject\":");
        ev_buf_json_str(&b, gr->subject ? gr->subject : "",
                        gr->subject ? strlen(gr->subject) : 0);
        ev_buf_printf(&b, ",\"severity\":%.4g", gr->severity);
        if (why) {
            ev_buf_puts(&b, ",\"why\":");
            ev_buf_json_str(&b, gr->why ? gr->why : "",
                            gr->why ? strlen(gr->why) : 0);
        }
        ev_buf_puts(&b, ",\"claims\":[");
        for (k = 0; k < gr->members.n; k++) {
            const ev_claim *c = &all.v[gr->members.v[k]];
            if (k)
                ev_buf_putc(&b, ',');
            if (ev_claim_json(&b, c, c->doc))
                break;
        }
        ev_buf_puts(&b, "]}\n");
        if (b.oom) {
            fprintf(stderr, "conflicts_dump: out of memory\n");
            status = 2;
            break;
        }
        fwrite(b.ptr, 1, b.len, stdout);
    }
    fprintf(stderr, "conflicts_dump: %d files, %zu claims, %zu groups\n",
            n_files, all.n, groups.n);
    for (k = 0; k < all.n; k++)
        ev_claim_release(&all.v[k]);
    free(all.v);
    ev_group_vec_release(&groups);
    ev_buf_release(&b);
    ev_synonyms_free(syn);
    ev_extractor_free(ex);
    ev_corpus_global_cleanup();
    if (fflush(stdout) || ferror(stdout))
        status = 2;
    return status;
}

/*
 * Tests of the source-format readers (corpus/html.c, xml.c, pdf.c):
 * JATS/TEI references and markup citations, HTML main content, metadata
 * and footnote links, PDF pages, furniture, footnotes and columns, and
 * hostile inputs (entity bombs, external entities, deep nesting, broken
 * and empty files, invalid UTF-8).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "corpus.h"

#define DATA EV_TEST_DATA "/formats/"

static int parse_str(ev_doc *d, const char *name, const char *s, ev_err *err)
{
    ev_doc_init(d);
    return ev_corpus_parse(d, name, s, strlen(s), NULL, err);
}

static const char *find(const ev_doc *d, const char *needle)
{
    return d->text ? strstr(d->text, needle) : NULL;
}

static int one_line(const ev_err *e)
{
    return e->msg[0] && !strchr(e->msg, '\n');
}

/* ---- JATS ---- */

static const char *const jats =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE article PUBLIC \"-//NLM//DTD JATS\" "
    "\"http://jats.nlm.nih.gov/x.dtd\">\n"
    "<article xmlns:xlink=\"http://www.w3.org/1999/xlink\"><front>"
    "<article-meta><article-id pub-id-type=\"doi\">10.1/abc</article-id>"
    "<title-group><article-title>Tiny article</article-title></title-group>"
    "<contrib-group><contrib contrib-type=\"author\"><name><surname>Roe"
    "</surname><given-names>J</given-names></name></contrib></contrib-group>"
    "<pub-date><year>2014</year></pub-date></article-meta></front>"
    "<body><sec><title>Intro</title><p>Growth was 12% "
    "<xref ref-type=\"bibr\" rid=\"b1\">[1]</xref>&#8211;"
    "<xref ref-type=\"bibr\" rid=\"b4\">[4]</xref> and fell "
    "<xref ref-type=\"bibr\" rid=\"b2 b3\">2,3</xref>.<xref ref-type=\"fn\" "
    "rid=\"fn1\">a</xref></p>"
    "<table-wrap><label>Table 1</label><caption><p>Costs.</p></caption>"
    "<table><tr><td>5.5 mg</td><td>7</td></tr></table></table-wrap>"
    "</sec></body><back><fn-group><fn id=\"fn1\"><label>a</label><p>Note "
    "text.</p></fn></fn-group><ref-list><title>References</title>"
    "<ref id=\"b1\"><label>1</label><element-citation><person-group>"
    "<name><surname>Smith</surname><given-names>A</given-names></name>"
    "</person-group><year>2001</year><article-title>On 5 things"
    "</article-title><source>J Ex</source><pub-id pub-id-type=\"doi\">"
    "10.5/x1</pub-id></element-citation></ref>"
    "<ref id=\"b2\"><label>2</label><mixed-citation>Doe B (2002b) Two. "
    "<source>Src</source>. <pub-id pub-id-type=\"pmid\">123</pub-id>"
    "</mixed-citation></ref>"
    "<ref id=\"b3\"><label>3</label><element-citation><collab>WHO</collab>"
    "<year>2003</year><source>Report</source></element-citation></ref>"
    "<ref id=\"b4\"><label>4</label><element-citation><year>2004</year>"
    "<ext-link ext-link-type=\"uri\" xlink:href=\"https://doi.org/10.9999/z4\">"
    "link</ext-link></element-citation></ref>"
    "</ref-list></back></article>\n";

START_TEST(test_jats)
{
    ev_doc d;
    ev_err e = {0, ""};
    size_t i;
    int saw_ref = 0, saw_cell = 0, saw_fn = 0;
    ck_assert_int_eq(parse_str(&d, "a.xml", jats, &e), 0);
    ck_assert_int_eq(d.format, EV_FMT_JATS);
    ck_assert_str_eq(d.meta.title, "Tiny article");
    ck_assert_str_eq(d.meta.doi, "10.1/abc");
    ck_assert_int_eq(d.meta.year, 2014);
    ck_assert_int_eq((int)d.refs.n, 4);
    ck_assert_str_eq(d.refs.v[0].doi, "10.5/x1");
    ck_assert_str_eq(d.refs.v[0].first_author, "Smith");
    ck_assert_int_eq(d.refs.v[0].year, 2001);
    ck_assert_str_eq(d.refs.v[1].pmid, "123");
    ck_assert_int_eq(d.refs.v[1].year_suffix, 'b');
    ck_assert_str_eq(d.refs.v[3].doi, "10.9999/z4");
    ck_assert_str_eq(d.refs.v[2].first_author, "WHO");
    /* [1]–[4] expands to 1..4; "2,3" lists two ids; the fn xref */
    ck_assert_int_eq((int)d.cites.n, 4);
    ck_assert_str_eq(d.cites.v[0].marker, "[1]");
    ck_assert_int_eq(d.cites.v[0].kind, EV_CITE_REFERENCE);
    ck_assert_int_eq((int)d.cites.v[1].refs.n, 3);
    ck_assert_int_eq((int)d.cites.v[2].refs.n, 2);
    ck_assert_int_eq(d.cites.v[3].kind, EV_CITE_FOOTNOTE);
    ck_assert_int_eq(d.cites.v[3].note, 0);
    for (i = 0; i < d.cites.n; i++) {
        const ev_cite *c = &d.cites.v[i];
        ck_assert(memcmp(d.text + c->start, c->marker, c->end - c->start) ==
                  0);
    }
    for (i = 0; i < d.blocks.n; i++) {
        const ev_block *b = &d.blocks.v[i];
        ck_assert(b->end <= d.text_len && b->start < b->end);
        ck_assert_ptr_nonnull(b->locator);
        if (b->kind == EV_BLK_REFERENCE)
            saw_ref++;
        if (b->kind == EV_BLK_TABLE_CELL)
            saw_cell++;
        if (b->kind == EV_BLK_FOOTNOTE)
            saw_fn++;
    }
    ck_assert_int_eq(saw_ref, 4);
    ck_assert_int_eq(saw_cell, 2);
    ck_assert_int_eq(saw_fn, 1);
    ck_assert_ptr_nonnull(find(&d, "Growth was 12% [1]\xE2\x80\x93[4]"));
    ck_assert_ptr_nonnull(find(&d, "\n\nReferences\n\n1. Smith A"));
    ck_assert_ptr_nonnull(strstr(d.blocks.v[3].locator, "/article/body/sec"));
    ev_doc_release(&d);
}
END_TEST

START_TEST(test_tei)
{
    static const char *const tei =
        "<?xml version=\"1.0\"?><TEI xmlns=\"http://www.tei-c.org/ns/1.0\">"
        "<teiHeader><fileDesc><titleStmt><title>T paper</title></titleStmt>"
        "<sourceDesc><biblStruct><analytic><author><persName><forename>A"
        "</forename><surname>Lee</surname></persName></author></analytic>"
        "<idno type=\"DOI\">10.7/tei</idno></biblStruct></sourceDesc>"
        "</fileDesc></teiHeader><text><body><div><head>Results</head>"
        "<p>Yield rose 40% <ref type=\"bibr\" target=\"#b0\">(Kim, 2010)</ref>."
        "</p></div></body><back><div type=\"references\"><listBibl>"
        "<biblStruct xml:id=\"b0\"><analytic><title level=\"a\">Crops</title>"
        "<author><persName><surname>Kim</surname></persName></author>"
        "</analytic><monogr><title level=\"j\">Agro</title><imprint><date "
        "when=\"2010\"/></imprint></monogr><idno type=\"DOI\">10.8/k</idno>"
        "</biblStruct></listBibl></div></back></text></TEI>";
    ev_doc d;
    ev_err e = {0, ""};
    ck_assert_int_eq(parse_str(&d, "p.tei.xml", tei, &e), 0);
    ck_assert_int_eq(d.format, EV_FMT_TEI);
    ck_assert_str_eq(d.meta.title, "T paper");
    ck_assert_str_eq(d.meta.doi, "10.7/tei");
    ck_assert_int_eq((int)d.refs.n, 1);
    ck_assert_str_eq(d.refs.v[0].doi, "10.8/k");
    ck_assert_int_eq(d.refs.v[0].year, 2010);
    ck_assert_str_eq(d.refs.v[0].container, "Agro");
    ck_assert_int_eq((int)d.cites.n, 1);
    ck_assert_int_eq(d.cites.v[0].kind, EV_CITE_AUTHOR_YEAR);
    ck_assert_int_eq(d.cites.v[0].refs.v[0], 0);
    ck_assert_ptr_nonnull(find(&d, "Yield rose 40% (Kim, 2010)."));
    ev_doc_release(&d);
}
END_TEST

/* ---- HTML ---- */

static const char *const page =
    "<!DOCTYPE html><html><head><title>Page title</title>"
    "<meta name=\"citation_author\" content=\"Ann Bee\">"
    "<meta property=\"article:published_time\" content=\"2021-03-04\">"
    "<link rel=\"canonical\" href=\"https://ex.org/a\">"
    "<script>var x = 'script text';</script><style>p{}</style></head><body>"
    "<nav><a href=\"/\">Home</a> <a href=\"/b\">Business</a></nav>"
    "<div class=\"cookie-banner\">We use cookies to improve things, "
    "accept them all now please.</div>"
    "<article class=\"post\"><h1>Real headline</h1>"
    "<p>The program cost 4.5 billion dollars in 2019, according to "
    "<a href=\"https://ex.org/r.pdf\">a 2019 report</a>, which many "
    "readers, analysts, and officials cited widely.<sup><a href=\"#fn1\">1"
    "</a></sup></p>"
    "<p>Second paragraph with enough words, commas, and clauses to count as "
    "real article content for the scorer, of course.</p>"
    "<ul><li>First point about the budget, in detail.</li>"
    "<li>Second point about the budget, in detail.</li></ul>"
    "<figure><img src=\"x.png\"><figcaption>Figure 1: spending."
    "</figcaption></figure>"
    "<table><tr><td>Cell one</td><td>Cell two</td></tr></table>"
    "<ol class=\"footnotes\"><li id=\"fn1\">Source: budget office, 2020."
    "</li></ol></article>"
    "<div class=\"related\"><h3>More from our experts</h3><ul>"
    "<li><a href=\"/1\">Other story one</a></li>"
    "<li><a href=\"/2\">Other story two</a></li></ul></div>"
    "<footer>Copyright footer text</footer></body></html>";

START_TEST(test_html_content)
{
    ev_doc d;
    ev_err e = {0, ""};
    size_t i;
    int kinds[EV_BLK_NOISE + 1] = {0};
    ck_assert_int_eq(parse_str(&d, "p.html", page, &e), 0);
    ck_assert_int_eq(d.format, EV_FMT_HTML);
    ck_assert_str_eq(d.meta.title, "Page title");
    ck_assert_str_eq(d.meta.authors, "Ann Bee");
    ck_assert_str_eq(d.meta.url, "https://ex.org/a");
    ck_assert_int_eq(d.meta.year, 2021);
    ck_assert_ptr_nonnull(find(&d, "4.5 billion dollars"));
    ck_assert_ptr_nonnull(find(&d, "Second paragraph"));
    ck_assert_ptr_null(find(&d, "script text"));
    ck_assert_ptr_null(find(&d, "Business"));
    ck_assert_ptr_null(find(&d, "cookies"));
    ck_assert_ptr_null(find(&d, "Other story"));
    ck_assert_ptr_null(find(&d, "Copyright"));
    for (i = 0; i < d.blocks.n; i++)
        kinds[d.blocks.v[i].kind]++;
    ck_assert_int_ge(kinds[EV_BLK_HEADING], 1);
    ck_assert_int_eq(kinds[EV_BLK_LIST_ITEM], 2);
    ck_assert_int_eq(kinds[EV_BLK_CAPTION], 1);
    ck_assert_int_eq(kinds[EV_BLK_TABLE_CELL], 2);
    ck_assert_int_eq(kinds[EV_BLK_FOOTNOTE], 1);
    /* the report link and the footnote link */
    ck_assert_int_ge((int)d.links.n, 2);
    ck_assert_str_eq(d.links.v[0].href, "https://ex.org/r.pdf");
    ck_assert(memcmp(d.text + d.links.v[0].start, "a 2019 report", 13) == 0);
    ck_assert_int_eq((int)d.notes.n, 1);
    ck_assert_int_eq((int)d.cites.n, 1);
    ck_assert_int_eq(d.cites.v[0].kind, EV_CITE_FOOTNOTE);
    ck_assert_int_eq(d.cites.v[0].note, 0);
    ck_assert_ptr_nonnull(strstr(d.notes.v[0].text, "budget office"));
    ev_doc_release(&d);
}
END_TEST

START_TEST(test_html_bad_utf8)
{
    /* one bad byte must not turn the rest of the page into Latin-1 */
    static const char *const s =
        "<html><body><p>Before \xff after caf\xC3\xA9 and 10\xE2\x80\xAF%"
        " of the na\xC3\xAFve values, which stay UTF-8.</p></body></html>";
    ev_doc d;
    ev_err e = {0, ""};
    ck_assert_int_eq(parse_str(&d, "u.html", s, &e), 0);
    ck_assert_ptr_nonnull(find(&d, "caf\xC3\xA9"));
    ck_assert_ptr_nonnull(find(&d, "na\xC3\xAFve"));
    ck_assert_ptr_nonnull(find(&d, "\xEF\xBF\xBD"));
    ck_assert_int_eq((int)ev_utf8_valid(d.text, d.text_len), (int)d.text_len);
    ck_assert_int_eq((int)d.n_repaired, 1);
    ev_doc_release(&d);
}
END_TEST

/* ---- hostile XML/HTML ---- */

static char *nested(const char *head, const char *open, const char *mid,
                    const char *close, const char *tail, int n)
{
    size_t lo = strlen(open), lc = strlen(close);
    size_t cap = strlen(head) + strlen(mid) + strlen(tail) + n * (lo + lc) + 1;
    char *s = malloc(cap), *p = s;
    int i;
    ck_assert_ptr_nonnull(s);
    p += snprintf(p, cap, "%s", head);
    for (i = 0; i < n; i++) {
        memcpy(p, open, lo);
        p += lo;
    }
    p += snprintf(p, cap - (size_t)(p - s), "%s", mid);
    for (i = 0; i < n; i++) {
        memcpy(p, close, lc);
        p += lc;
    }
    snprintf(p, cap - (size_t)(p - s), "%s", tail);
    return s;
}

START_TEST(test_billion_laughs)
{
    static const char *const s =
        "<?xml version=\"1.0\"?><!DOCTYPE article [<!ENTITY a \"lol\">"
        "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
        "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
        "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">"
        "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
        "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">"
        "<!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">"
        "<!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">"
        "<!ENTITY i \"&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;\">]>"
        "<article><body><p>x &i; y</p></body></article>";
    ev_doc d;
    ev_err e = {0, ""};
    clock_t t0 = clock();
    int rc = parse_str(&d, "bomb.xml", s, &e);
    ck_assert(rc != 0 ? one_line(&e) : d.text_len < 10000);
    ck_assert((double)(clock() - t0) / CLOCKS_PER_SEC < 5.0);
    ev_doc_release(&d);
}
END_TEST

START_TEST(test_external_entities)
{
    static const char *const cases[] = {
        "<?xml version=\"1.0\"?><!DOCTYPE article [<!ENTITY x SYSTEM "
        "\"file:///etc/passwd\">]><article><body><p>a &x; b</p></body>"
        "</article>",
        "<?xml version=\"1.0\"?><!DOCTYPE article [<!ENTITY x SYSTEM "
        "\"http://127.0.0.1:9/x\">]><article><body><p>a &x; b</p></body>"
        "</article>",
        "<?xml version=\"1.0\"?><!DOCTYPE article SYSTEM "
        "\"http://127.0.0.1:9/evil.dtd\"><article><body><p>a &x; b</p>"
        "</body></article>",
        "<?xml version=\"1.0\"?><!DOCTYPE article [<!ENTITY % p SYSTEM "
        "\"file:///etc/passwd\"> %p;]><article><body><p>a</p></body>"
        "</article>",
        "<!DOCTYPE html SYSTEM \"http://127.0.0.1:9/x.dtd\"><html><body>"
        "<p>hello there</p></body></html>"};
    size_t i;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        ev_doc d;
        ev_err e = {0, ""};
        int rc = parse_str(&d, i == 4 ? "x.html" : "x.xml", cases[i], &e);
        if (rc)
            ck_assert(one_line(&e));
        else
            ck_assert_ptr_null(find(&d, "root:"));
        ev_doc_release(&d);
    }
}
END_TEST

START_TEST(test_deep_nesting)
{
    ev_doc d;
    ev_err e = {0, ""};
    char *s;
    int rc;
    /* 100k deep: refused with one line, no crash */
    s = nested("<?xml version=\"1.0\"?><article><body>", "<p>", "deep",
               "</p>", "</body></article>", 100000);
    rc = parse_str(&d, "deep.xml", s, &e);
    ck_assert_int_eq(rc, EV_ELIMIT);
    ck_assert(one_line(&e));
    ev_doc_release(&d);
    free(s);
    s = nested("<html><body>", "<div>", "deep", "</div>", "</body></html>",
               100000);
    rc = parse_str(&d, "deep.html", s, &e);
    ck_assert_int_eq(rc, EV_ELIMIT);
    ck_assert(one_line(&e));
    ev_doc_release(&d);
    free(s);
    /* 300 deep (past libxml2's silent 256) is read whole */
    s = nested("<?xml version=\"1.0\"?><article><body>", "<sec>",
               "<p>innermost text</p>", "</sec>",
               "<sec><p>after the nest</p></sec></body></article>", 300);
    ck_assert_int_eq(parse_str(&d, "ok.xml", s, &e), 0);
    ck_assert_ptr_nonnull(find(&d, "innermost text"));
    ck_assert_ptr_nonnull(find(&d, "after the nest"));
    ev_doc_release(&d);
    free(s);
    s = nested("<html><body>", "<div>", "<p>innermost text</p>", "</div>",
               "<p>after the nest, a sentence.</p></body></html>", 300);
    ck_assert_int_eq(parse_str(&d, "ok.html", s, &e), 0);
    ck_assert_ptr_nonnull(find(&d, "innermost text"));
    ck_assert_ptr_nonnull(find(&d, "after the nest"));
    ev_doc_release(&d);
    free(s);
}
END_TEST

START_TEST(test_empty_and_broken)
{
    static const char *const names[] = {"e.html", "e.xml", "e.pdf", "e.txt"};
    ev_corpus_opts o = {0, 10, 0};
    size_t i;
    for (i = 0; i < 4; i++) {
        ev_doc d;
        ev_err e = {0, ""};
        ev_doc_init(&d);
        ck_assert_int_lt(ev_corpus_parse(&d, names[i], "", 0, NULL, &e), 0);
        ck_assert(one_line(&e));
        ev_doc_release(&d);
    }
    /* the per-format readers on zero bytes */
    {
        ev_doc d;
        ev_err e = {0, ""};
        ev_doc_init(&d);
        ck_assert_int_lt(ev_corpus_parse_html(&d, "", 0, &o, &e), 0);
        ev_doc_release(&d);
        ev_doc_init(&d);
        ck_assert_int_lt(ev_corpus_parse_xml(&d, "", 0, &o, &e), 0);
        ev_doc_release(&d);
        ev_doc_init(&d);
        ck_assert_int_lt(ev_corpus_parse_pdf(&d, "", 0, &o, &e), 0);
        ev_doc_release(&d);
    }
    /* malformed XML and an unknown root */
    {
        ev_doc d;
        ev_err e = {0, ""};
        ck_assert_int_lt(parse_str(&d, "m.xml",
                                   "<?xml version=\"1.0\"?><article><p>x"
                                   "</article>", &e), 0);
        ck_assert(one_line(&e));
        ev_doc_release(&d);
    }
}
END_TEST

/* ---- PDF ---- */

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    ck_assert_ptr_nonnull(f);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(buf);
    ck_assert_int_eq((int)fread(buf, 1, (size_t)n, f), (int)n);
    fclose(f);
    *len = (size_t)n;
    return buf;
}

START_TEST(test_pdf_footnotes)
{
    ev_doc d;
    ev_err e = {0, ""};
    size_t i;
    int fn = 0;
    ev_doc_init(&d);
    ck_assert_int_eq(ev_corpus_read(&d, DATA "notes.pdf", NULL, &e), 0);
    ck_assert_int_eq(d.format, EV_FMT_PDF);
    ck_assert_ptr_nonnull(find(&d, "4.4 billion dollars"));
    ck_assert_ptr_nonnull(find(&d, "extraordinarily disproportionate"));
    ck_assert_int_eq((int)d.notes.n, 2);
    ck_assert_str_eq(d.notes.v[0].label, "1");
    ck_assert_int_eq((int)d.cites.n, 2);
    for (i = 0; i < d.cites.n; i++) {
        ck_assert_int_eq(d.cites.v[i].kind, EV_CITE_FOOTNOTE);
        ck_assert_int_eq(d.cites.v[i].note, (int)i);
    }
    for (i = 0; i < d.blocks.n; i++) {
        ck_assert_int_eq(d.blocks.v[i].page, 1);
        ck_assert_str_eq(d.blocks.v[i].locator, "page 1");
        if (d.blocks.v[i].kind == EV_BLK_FOOTNOTE)
            fn++;
    }
    ck_assert_int_eq(fn, 2);
    ev_doc_release(&d);
}
END_TEST

START_TEST(test_pdf_columns)
{
    ev_doc d;
    ev_err e = {0, ""};
    const char *p;
    int k, last = 0, pages = 0;
    size_t i;
    ev_doc_init(&d);
    ck_assert_int_eq(ev_corpus_read(&d, DATA "twocol.pdf", NULL, &e), 0);
    /* running header and page numbers are gone */
    ck_assert_ptr_null(find(&d, "Annual Review"));
    /* each figure sentence survives whole and in order (columns, hyphens,
     * column and page breaks) */
    for (k = 0; k < 14; k++) {
        char want[128];
        snprintf(want, sizeof(want),
                 "Outlays reached %d.%d million euros in %d, up %d percent.",
                 10 + k, k % 10, 2000 + k, 3 + k);
        p = find(&d, want);
        ck_assert_msg(p != NULL, "missing: %s", want);
        ck_assert_int_gt((int)(p - d.text), last);
        last = (int)(p - d.text);
    }
    for (i = 0; i < d.blocks.n; i++)
        if (d.blocks.v[i].page > pages)
            pages = d.blocks.v[i].page;
    ck_assert_int_ge(pages, 2);
    ev_doc_release(&d);
}
END_TEST

START_TEST(test_pdf_broken)
{
    ev_doc d;
    ev_err e = {0, ""};
    size_t len;
    char *buf = slurp(DATA "notes.pdf", &len);
    ev_doc_init(&d);
    /* truncated: the first third of a real PDF */
    ck_assert_int_lt(ev_corpus_parse(&d, "t.pdf", buf, len / 3, NULL, &e), 0);
    ck_assert(one_line(&e));
    ev_doc_release(&d);
    ev_doc_init(&d);
    ck_assert_int_lt(ev_corpus_parse(&d, "g.pdf", "%PDF-1.4\ngarbage\n", 17,
                                     NULL, &e),
                     0);
    ck_assert(one_line(&e));
    ev_doc_release(&d);
    free(buf);
}
END_TEST

START_TEST(test_pdf_no_pdftotext)
{
    ev_doc d;
    ev_err e = {0, ""};
    size_t len;
    char *buf = slurp(DATA "notes.pdf", &len);
    setenv("PATH", "/nonexistent-evidex-test", 1);
    ev_doc_init(&d);
    ck_assert_int_lt(ev_corpus_parse(&d, "n.pdf", buf, len, NULL, &e), 0);
    ck_assert_str_eq(e.msg, "pdftotext not found: install poppler-utils");
    ev_doc_release(&d);
    free(buf);
}
END_TEST

START_TEST(test_detect)
{
    ck_assert_int_eq(ev_corpus_detect("%PDF-1.7", 8, "x.txt"), EV_FMT_PDF);
    ck_assert_int_eq(ev_corpus_detect(jats, strlen(jats), "a.bin"),
                     EV_FMT_JATS);
    ck_assert_int_eq(ev_corpus_detect(page, strlen(page), NULL), EV_FMT_HTML);
}
END_TEST

static void setup(void)
{
    ev_corpus_global_init();
}

Suite *formats_suite(void)
{
    Suite *s = suite_create("formats");
    TCase *tc = tcase_create("xml");
    tcase_add_unchecked_fixture(tc, setup, NULL);
    tcase_add_test(tc, test_jats);
    tcase_add_test(tc, test_tei);
    suite_add_tcase(s, tc);
    tc = tcase_create("html");
    tcase_add_unchecked_fixture(tc, setup, NULL);
    tcase_add_test(tc, test_html_content);
    tcase_add_test(tc, test_html_bad_utf8);
    suite_add_tcase(s, tc);
    tc = tcase_create("hostile");
    tcase_add_unchecked_fixture(tc, setup, NULL);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_billion_laughs);
    tcase_add_test(tc, test_external_entities);
    tcase_add_test(tc, test_deep_nesting);
    tcase_add_test(tc, test_empty_and_broken);
    suite_add_tcase(s, tc);
    tc = tcase_create("pdf");
    tcase_add_unchecked_fixture(tc, setup, NULL);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_pdf_footnotes);
    tcase_add_test(tc, test_pdf_columns);
    tcase_add_test(tc, test_pdf_broken);
    tcase_add_test(tc, test_pdf_no_pdftotext);
    tcase_add_test(tc, test_detect);
    suite_add_tcase(s, tc);
    return s;
}

/*
 * Tests of the citation side of extract/: footnote reconstruction from
 * PDF-extracted text, reference lists, numbered and author-year markers,
 * Ibid./cit., attributions, claim linking, the JSON writers, hostile
 * input, and real results on the seed documents.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "corpus.h"
#include "extract.h"

static ev_extractor *ex;

static void setup(void)
{
    ev_err err = {0, ""};
    ck_assert_int_eq(ev_extractor_new(&ex, &err), 0);
}

static void teardown(void)
{
    ev_extractor_free(ex);
    ex = NULL;
}

/* Parses text as a plain-text document and runs layout + cites. */
static void load_text(ev_doc *doc, const char *text, size_t len)
{
    ev_err err = {0, ""};
    ev_doc_init(doc);
    ck_assert_int_eq(ev_corpus_parse(doc, "t.txt", text, len, NULL, &err), 0);
    ck_assert_int_eq(doc->format, EV_FMT_TEXT);
    ck_assert_int_eq(ev_extract_layout(ex, doc, &err), 0);
    ck_assert_int_eq(ev_extract_cites(ex, doc, &err), 0);
}

static void load_file(ev_doc *doc, const char *path)
{
    ev_err err = {0, ""};
    ev_doc_init(doc);
    ck_assert_msg(ev_corpus_read(doc, path, NULL, &err) == 0, "%s: %s", path,
                  err.msg);
    ck_assert_int_eq(ev_extract_layout(ex, doc, &err), 0);
    ck_assert_int_eq(ev_extract_cites(ex, doc, &err), 0);
}

static void check_blocks_sane(const ev_doc *doc)
{
    size_t i;
    for (i = 0; i < doc->blocks.n; i++) {
        const ev_block *b = &doc->blocks.v[i];
        ck_assert(b->start < b->end);
        ck_assert(b->end <= doc->text_len);
        if (i)
            ck_assert(doc->blocks.v[i - 1].end <= b->start);
    }
}

static const ev_cite *cite_at(const ev_doc *doc, const char *needle)
{
    const char *p = strstr(doc->text, needle);
    size_t i, off;
    if (!p)
        return NULL;
    off = (size_t)(p - doc->text);
    for (i = 0; i < doc->cites.n; i++)
        if (doc->cites.v[i].start < off + strlen(needle) &&
            doc->cites.v[i].end > off)
            return &doc->cites.v[i];
    return NULL;
}

/* ---- footnotes -------------------------------------------------------- */

START_TEST(footnote_reconstruction)
{
    ev_doc doc;
    size_t i;
    load_file(&doc, EV_TEST_DATA "/cites/footnotes.txt");
    check_blocks_sane(&doc);
    ck_assert_uint_eq(doc.notes.n, 3);
    ck_assert_str_eq(doc.notes.v[0].label, "1");
    /* wrapped lines joined, the URL broken at line ends glued back */
    ck_assert_str_eq(doc.notes.v[0].text,
                     "Jane Roe, \xe2\x80\x9c" "A Title\xe2\x80\x9d, in The "
                     "Daily, 3 May 2016, https://www.example.com/news/2016/05/"
                     "03/a-long-story-about-things.");
    ck_assert_uint_eq(doc.notes.v[0].urls.n, 1);
    ck_assert_str_eq(doc.notes.v[0].urls.v[0],
                     "https://www.example.com/news/2016/05/03/"
                     "a-long-story-about-things");
    /* body after a footnote with no blank line is not footnote text */
    ck_assert_ptr_null(strstr(doc.notes.v[2].text, "body resumes"));
    for (i = 0; i < doc.blocks.n; i++) {
        const ev_block *b = &doc.blocks.v[i];
        char *s = strndup(doc.text + b->start, b->end - b->start);
        if (b->kind == EV_BLK_PARA) {
            ck_assert_ptr_null(strstr(s, "Jane Roe"));
            ck_assert_ptr_null(strstr(s, "https://"));
        }
        if (strstr(s, "body resumes"))
            ck_assert_int_eq(b->kind, EV_BLK_PARA);
        free(s);
    }
    /* each footnote is also a reference with its year */
    ck_assert_uint_eq(doc.refs.n, 3);
    ck_assert_int_eq(doc.refs.v[0].year, 2016);
    ck_assert_int_eq(doc.refs.v[1].year, 2015);
    /* Ibid. takes the previous note's source */
    ck_assert_int_eq(doc.refs.v[2].note, 2);
    /* glued markers in sequence */
    ck_assert_uint_eq(doc.cites.n, 3);
    ck_assert_str_eq(cite_at(&doc, "percent.1")->marker, "1");
    ck_assert_int_eq(cite_at(&doc, "here.2")->note, 1);
    ck_assert_int_eq(cite_at(&doc, "percent.3")->kind, EV_CITE_FOOTNOTE);
    ev_doc_release(&doc);
}
END_TEST

START_TEST(footnote_page_break_tail)
{
    static const char txt[] =
        "Body one.1 More body.2\n\n"
        "1\xe2\x80\x82 First note, 2001.\n"
        "2\xe2\x80\x82 Second note is cut by the\n\n"
        " body on the next page.3\n\n"
        "page break, 2002.\n"
        "3\xe2\x80\x82 Third note, 2003.\n";
    ev_doc doc;
    load_text(&doc, txt, sizeof(txt) - 1);
    check_blocks_sane(&doc);
    ck_assert_uint_eq(doc.notes.n, 3);
    ck_assert_str_eq(doc.notes.v[1].text,
                     "Second note is cut by the page break, 2002.");
    ck_assert_int_eq(doc.refs.v[1].year, 2002);
    ck_assert_uint_eq(doc.cites.n, 3);
    ev_doc_release(&doc);
}
END_TEST

START_TEST(footnote_marker_not_a_number)
{
    static const char txt[] =
        "It rose from 3.4 billion to 4.7 billion in 2017.1 Then it fell "
        "by 2 percent.2\n\n"
        "1\xe2\x80\x82 A source, 2018.\n"
        "2\xe2\x80\x82 Another source, 2019.\n";
    ev_doc doc;
    size_t i;
    load_text(&doc, txt, sizeof(txt) - 1);
    ck_assert_uint_eq(doc.cites.n, 2);
    for (i = 0; i < doc.cites.n; i++)
        ck_assert_int_eq(doc.cites.v[i].kind, EV_CITE_FOOTNOTE);
    ck_assert_str_eq(cite_at(&doc, "2017.1")->marker, "1");
    ck_assert_ptr_null(cite_at(&doc, "3.4 billion"));
    ev_doc_release(&doc);
}
END_TEST

/* ---- reference lists and numbered / author-year cites ----------------- */

static const char numbered_doc[] =
    "Title of a paper\n\n"
    "Prior work [1] and more [3, 5-7] and a range [1]\xe2\x80\x93[3] and "
    "[10\xe2\x80\x93" "12] here.\n\n"
    "References\n\n"
    "1. Alpha AB, Beta C (2001) First title. J One 1: 1\xe2\x80\x93" "2.\n\n"
    "2. Gamma D (2002) Second title. J Two 2: 3.\n\n"
    "3. Delta E (2003) Third title. J Three 3: 4. doi: 10.1000/xyz.3\n\n"
    "4. Eps F (2004) Fourth. J 4: 5.\n\n"
    "5. Zeta G (2005) Fifth. J 5: 6.\n\n"
    "6. Eta H (2006) Sixth. J 6: 7.\n\n"
    "7. Theta I (2007) Seventh\nwrapped over a line. J 7: 8.\n\n"
    "8. Iota J (2008) Eighth. J 8: 9.\n\n"
    "9. Kappa K (2009) Ninth. J 9: 1.\n\n"
    "10. Lambda L (2010) Tenth. J 10: 1.\n\n"
    "11. Mu M (2011) Eleventh. J 11: 1.\n\n"
    "12. Nu N (2012) Twelfth. J 12: 1. PMID: 12345\n";

START_TEST(numbered_cites)
{
    ev_doc doc;
    const ev_cite *c;
    load_text(&doc, numbered_doc, sizeof(numbered_doc) - 1);
    check_blocks_sane(&doc);
    ck_assert_uint_eq(doc.refs.n, 12);
    ck_assert_str_eq(doc.refs.v[0].label, "1");
    ck_assert_int_eq(doc.refs.v[0].year, 2001);
    ck_assert_str_eq(doc.refs.v[0].first_author, "Alpha");
    ck_assert_str_eq(doc.refs.v[2].doi, "10.1000/xyz.3");
    ck_assert_str_eq(doc.refs.v[11].pmid, "12345");
    ck_assert_ptr_nonnull(strstr(doc.refs.v[6].text, "Seventh wrapped"));
    c = cite_at(&doc, "[1] and");
    ck_assert_uint_eq(c->refs.n, 1);
    ck_assert_int_eq(c->refs.v[0], 0);
    c = cite_at(&doc, "[3, 5-7]");
    ck_assert_uint_eq(c->refs.n, 4);
    ck_assert_int_eq(c->refs.v[3], 6);
    c = cite_at(&doc, "[1]\xe2\x80\x93[3]");
    ck_assert_uint_eq(c->refs.n, 3);
    ck_assert_uint_eq(c->end - c->start, strlen("[1]\xe2\x80\x93[3]"));
    c = cite_at(&doc, "[10\xe2\x80\x93" "12]");
    ck_assert_uint_eq(c->refs.n, 3);
    ck_assert_uint_eq(doc.cites.n, 4);
    ev_doc_release(&doc);
}
END_TEST

static const char ay_doc[] =
    "Burden sharing was modelled early (Olson and Zeckhauser, 1966) and "
    "Olson and Zeckhauser (1966) remain cited; see (Kozlowski, 2019b) and "
    "(Singh et al., 2009a, 2009b). Smith et al., 2010 disagree. In 2010 "
    "nothing happened.\n\n"
    "References\n\n"
    "Kozlowski, G. (2019a). NATO Defence Expenditures. Tartu: College.\n\n"
    "Kozlowski, G. (2019b). The Position of Burden Sharing. \xe2\x80\x9c"
    "Baltic Journal\xe2\x80\x9d, Vol. 9.\n\n"
    "Olson, M., Zeckhauser, R. (1966). An Economic Theory of Alliances. "
    "Review, No. 48.\n\n"
    "Singh R, Kumar A, Lee B. 2009a. First. J 1:1.\n\n"
    "Singh R, Kumar A, Lee B. 2009b. Second. J 2:2.\n\n"
    "Smith J, Jones K, Brown L. 2010. Third. J 3:3.\n";

START_TEST(author_year_cites)
{
    ev_doc doc;
    const ev_cite *c;
    load_text(&doc, ay_doc, sizeof(ay_doc) - 1);
    ck_assert_uint_eq(doc.refs.n, 6);
    ck_assert_int_eq(doc.refs.v[1].year_suffix, 'b');
    ck_assert_str_eq(doc.refs.v[2].first_author, "Olson");
    c = cite_at(&doc, "Kozlowski, 2019b");
    ck_assert_ptr_nonnull(c);
    ck_assert_int_eq(c->kind, EV_CITE_AUTHOR_YEAR);
    ck_assert_int_eq(c->refs.v[0], 1);
    c = cite_at(&doc, "Olson and Zeckhauser (1966)");
    ck_assert_int_eq(c->refs.v[0], 2);
    ck_assert_str_eq(c->marker, "Olson and Zeckhauser (1966)");
    c = cite_at(&doc, "Singh et al., 2009a");
    ck_assert_int_eq(c->refs.v[0], 3);
    c = cite_at(&doc, "2009b)");
    ck_assert_int_eq(c->refs.v[0], 4);
    c = cite_at(&doc, "Smith et al., 2010");
    ck_assert_int_eq(c->refs.v[0], 5);
    ck_assert_ptr_null(cite_at(&doc, "In 2010"));
    ck_assert_uint_eq(doc.cites.n, 6);
    ev_doc_release(&doc);
}
END_TEST

START_TEST(reference_list_without_heading)
{
    static const char txt[] =
        "An abstract about alliances and their costs over time.\n\n"
        "Awonahara, S. (1990). The Burden-Sharing Issues. Honolulu: "
        "East-West Center [Access:1.09.2020]. Access on the internet:\n\n"
        "Borger, J. (2020). US to pull troops out of Germany as Trump "
        "blasts\n\n"
        "Berlin. The Guardian. [Access:9.09.2020]. Access on the internet:\n\n"
        "U.S. Code no date [Access: 1.09.2020]. Access on the internet:\n\n"
        "Hoff, R. (2016). Burden-Sharing with Allies. American Action Forum "
        "[Access: 9.09.2020]. Access on the internet: "
        "https://www.americanactionforum. org/research/burden-sharing/.\n";
    ev_doc doc;
    load_text(&doc, txt, sizeof(txt) - 1);
    check_blocks_sane(&doc);
    ck_assert_uint_eq(doc.refs.n, 4);
    ck_assert_ptr_nonnull(strstr(doc.refs.v[1].text, "blasts Berlin."));
    ck_assert_int_eq(doc.refs.v[2].year, 0);
    ck_assert_int_eq(doc.refs.v[3].year, 2016);
    ck_assert_str_eq(doc.refs.v[0].accessed, "1.09.2020");
    ck_assert_uint_eq(doc.refs.v[0].urls.n, 0);
    ck_assert_uint_eq(doc.refs.v[3].urls.n, 1);
    ck_assert_str_eq(doc.refs.v[3].urls.v[0],
                     "https://www.americanactionforum.org/research/"
                     "burden-sharing/");
    ck_assert_int_eq(doc.blocks.v[0].kind, EV_BLK_PARA);
    ck_assert_int_eq(doc.blocks.v[1].kind, EV_BLK_REFERENCE);
    ck_assert_int_eq(doc.blocks.v[3].ref, 1);
    ev_doc_release(&doc);
}
END_TEST

START_TEST(op_cit_back_reference)
{
    static const char txt[] =
        "One.1 Two.2 Three.3\n\n"
        "1\xe2\x80\x82 Ann Author, Prime Minister, Tokyo, Pub, 2016; Ann "
        "Author, Struggle (in Japanese), Tokyo, Pub, 2017, p. 2.\n"
        "2\xe2\x80\x82 Bob Writer, Other, 2010.\n"
        "3\xe2\x80\x82 Ann Author, Struggle (in Japanese), cit., p. 40-45.\n";
    ev_doc doc;
    load_text(&doc, txt, sizeof(txt) - 1);
    ck_assert_uint_eq(doc.refs.n, 3);
    ck_assert_int_eq(doc.refs.v[2].year, 2017);
    ev_doc_release(&doc);
}
END_TEST

/* ---- attributions ----------------------------------------------------- */

static const struct {
    const char *sentence;
    const char *phrase; /* NULL: none */
    int year;
} attrib_cases[] = {
    {"Japan pays, according to a 2019 report [PDF] by the Congressional "
     "Research Service, $2 billion.",
     "according to a 2019 report [PDF] by the Congressional Research "
     "Service", 2019},
    {"Japan\xe2\x80\x99s defense minister said in 2017 that Japan paid 86 "
     "percent.", "Japan\xe2\x80\x99s defense minister said in 2017", 2017},
    {"Still, media outlets have estimated the number to be 40 percent.",
     "media outlets have estimated", 0},
    {"Japanese pollster Genron NPO also reveals that 50.8 percent agreed.",
     "Japanese pollster Genron NPO also reveals", 0},
    {"Japan claims that North Korea abducted seventeen citizens.",
     "Japan claims", 0},
    {"In its fiscal 2026 defense budget request the sum rose.",
     "In its fiscal 2026 defense budget request", 2026},
    {"European allies meet NATO\xe2\x80\x99s stated commitment to spend 2 "
     "percent.", NULL, 0},
    {"North Korea has launched dozens of missiles and claims it can build "
     "more.", NULL, 0},
    {"There are more than eighty facilities in Japan.", NULL, 0},
    {"It was reported that 5 people left.", NULL, 0},
};

START_TEST(attributions)
{
    const char *s = attrib_cases[_i].sentence;
    ev_attribution_vec v = {NULL, 0, 0};
    ck_assert_int_eq(ev_attributions_find(ex, s, strlen(s), &v), 0);
    if (!attrib_cases[_i].phrase) {
        ck_assert_msg(v.n == 0, "case %d: unexpected '%.*s'", _i,
                      v.n ? (int)(v.v[0].end - v.v[0].start) : 0,
                      v.n ? s + v.v[0].start : "");
    } else {
        size_t i;
        int found = 0;
        for (i = 0; i < v.n; i++)
            if (v.v[i].end - v.v[i].start == strlen(attrib_cases[_i].phrase) &&
                memcmp(s + v.v[i].start, attrib_cases[_i].phrase,
                       v.v[i].end - v.v[i].start) == 0) {
                found = 1;
                ck_assert_int_eq(v.v[i].year, attrib_cases[_i].year);
            }
        ck_assert_msg(found, "case %d: phrase not found", _i);
    }
    ev_attribution_vec_release(&v);
}
END_TEST

/* ---- linking claims --------------------------------------------------- */

static void fake_claim(ev_claim *c, const ev_doc *doc, const char *figure,
                       const char *sentence)
{
    const char *sp = strstr(doc->text, sentence), *fp;
    size_t i;
    ck_assert_ptr_nonnull(sp);
    fp = strstr(sp, figure);
    ck_assert_ptr_nonnull(fp);
    memset(c, 0, sizeof(*c));
    c->start = (size_t)(fp - doc->text);
    c->end = c->start + strlen(figure);
    c->sent_start = (size_t)(sp - doc->text);
    c->sent_end = c->sent_start + strlen(sentence);
    c->block = -1;
    c->note = -1;
    for (i = 0; i < doc->blocks.n; i++)
        if (doc->blocks.v[i].start <= c->start &&
            c->start < doc->blocks.v[i].end)
            c->block = (int)i;
}

START_TEST(link_claims)
{
    ev_doc doc;
    ev_claim c;
    load_file(&doc, EV_TEST_DATA "/cites/footnotes.txt");
    /* the marker glued after the sentence's period */
    fake_claim(&c, &doc, "24 percent",
               "Body text on the first page says that the share fell to 24 "
               "percent.");
    ck_assert_int_eq(ev_link_claim(ex, &doc, &c), 0);
    ck_assert_uint_ge(c.cites.n, 1);
    ck_assert_int_eq(c.cites.v[0].kind, EV_CITE_FOOTNOTE);
    ck_assert_str_eq(c.cites.v[0].marker, "1");
    ck_assert_ptr_nonnull(strstr(c.cites.v[0].text, "Jane Roe"));
    ck_assert_str_eq(c.cites.v[0].url, "https://www.example.com/news/2016/05/"
                                       "03/a-long-story-about-things");
    ev_claim_release(&c);
    /* no marker in the sentence: nothing, even with one next door */
    fake_claim(&c, &doc, "7 percent", "body resumes after the note without a "
                                      "blank line, 7 percent.");
    ck_assert_int_eq(ev_link_claim(ex, &doc, &c), 0);
    ck_assert_uint_eq(c.cites.n, 0);
    ev_claim_release(&c);
    /* a claim inside a footnote is backed by that footnote */
    fake_claim(&c, &doc, "12", "Publisher, 2015, p. 12");
    ck_assert_int_eq(ev_link_claim(ex, &doc, &c), 0);
    ck_assert_uint_ge(c.cites.n, 1);
    ck_assert_str_eq(c.cites.v[0].marker, "2");
    ck_assert_int_eq(c.cites.v[0].note, 1);
    ev_claim_release(&c);
    ev_doc_release(&doc);
}
END_TEST

START_TEST(link_attribution_and_reference)
{
    static const char txt[] =
        "Japan\xe2\x80\x99s defense minister said in 2017 that Japan paid 86 "
        "percent of the cost.\n";
    ev_doc doc;
    ev_claim c;
    load_text(&doc, txt, sizeof(txt) - 1);
    fake_claim(&c, &doc, "86 percent", "Japan\xe2\x80\x99s defense minister "
                                       "said in 2017 that Japan paid 86 "
                                       "percent of the cost.");
    ck_assert_int_eq(ev_link_claim(ex, &doc, &c), 0);
    ck_assert_uint_eq(c.cites.n, 1);
    ck_assert_int_eq(c.cites.v[0].kind, EV_CITE_ATTRIBUTION);
    ck_assert_str_eq(c.cites.v[0].marker,
                     "Japan\xe2\x80\x99s defense minister said in 2017");
    ev_claim_release(&c);
    ev_doc_release(&doc);

    load_text(&doc, ay_doc, sizeof(ay_doc) - 1);
    fake_claim(&c, &doc, "1966", "Olson and Zeckhauser (1966) remain cited");
    ck_assert_int_eq(ev_link_claim(ex, &doc, &c), 0);
    ck_assert_uint_ge(c.cites.n, 1);
    ck_assert_int_eq(c.cites.v[0].kind, EV_CITE_AUTHOR_YEAR);
    ck_assert_int_eq(c.cites.v[0].ref, 2);
    ev_claim_release(&c);
    /* inside a reference entry: backed by the entry */
    fake_claim(&c, &doc, "48", "Review, No. 48.");
    ck_assert_int_eq(ev_link_claim(ex, &doc, &c), 0);
    ck_assert_uint_ge(c.cites.n, 1);
    ck_assert_int_eq(c.cites.v[0].kind, EV_CITE_REFERENCE);
    ck_assert_ptr_nonnull(strstr(c.cites.v[0].text, "Economic Theory"));
    ev_claim_release(&c);
    ev_doc_release(&doc);
}
END_TEST


/* HTML links: an external link inside an attribution gives it its URL;
 * in-page anchors and site-relative navigation links are not sources. */
START_TEST(link_html_anchors)
{
    static const char html[] =
        "<html><body><article><p>The cost ranges from $1.7 billion to $2.1 "
        "billion per year, according to <a href=\"https://crs.example.gov/"
        "r.pdf\">a 2019 report</a> by the <a href=\"/wiki/CRS\">Congressional"
        " Research Service</a>, as <a href=\"#fn1\">noted</a> before, and "
        "<a href=\"https://news.example.com/story\">one story</a>.</p>"
        "<p>Another paragraph that is long enough to be kept as content by "
        "the reader, with several words, commas, and more words.</p>"
        "</article></body></html>";
    ev_doc doc;
    ev_claim c;
    ev_err err = {0, ""};
    size_t i;
    int attr_url = 0, story = 0;
    ev_doc_init(&doc);
    ck_assert_int_eq(ev_corpus_parse(&doc, "p.html", html, sizeof(html) - 1,
                                     NULL, &err), 0);
    ck_assert_int_eq(ev_extract_layout(ex, &doc, &err), 0);
    ck_assert_int_eq(ev_extract_cites(ex, &doc, &err), 0);
    ck_assert_uint_ge(doc.links.n, 3);
    fake_claim(&c, &doc, "$1.7 billion", "The cost ranges");
    c.sent_end = (size_t)(strstr(doc.text, "story.") - doc.text) + 6;
    ck_assert_int_eq(ev_link_claim(ex, &doc, &c), 0);
    for (i = 0; i < c.cites.n; i++) {
        const ev_citation *ct = &c.cites.v[i];
        ck_assert_msg(!ct->url || strncmp(ct->url, "http", 4) == 0,
                      "navigation link kept: %s", ct->url);
        if (ct->kind == EV_CITE_ATTRIBUTION && ct->url &&
            strcmp(ct->url, "https://crs.example.gov/r.pdf") == 0)
            attr_url = 1;
        if (ct->kind == EV_CITE_REFERENCE && ct->url &&
            strcmp(ct->url, "https://news.example.com/story") == 0)
            story = 1;
    }
    ck_assert_msg(attr_url, "the report link is not on the attribution");
    ck_assert(story);
    ev_claim_release(&c);
    ev_doc_release(&doc);
}
END_TEST


/* HTML footnotes: the superscript marker glued to a sentence's full stop
 * neither joins the number before it ("2019.1") nor the next sentence,
 * so each figure cites only its own note. */
START_TEST(html_footnote_markers)
{
    static const char html[] =
        "<html><body><article><p>Costs rose 5% in 2019.<sup><a href=\"#fn1\">"
        "1</a></sup> Later it was 7%.<sup><a href=\"#fn2\">2</a></sup></p>"
        "<ol class=\"footnotes\"><li id=\"fn1\">See the annual report.</li>"
        "<li id=\"fn2\">See the later report.</li></ol>"
        "</article></body></html>";
    ev_doc doc;
    ev_err err = {0, ""};
    size_t i;
    int five = 0, seven = 0;
    ev_doc_init(&doc);
    ck_assert_int_eq(ev_corpus_parse(&doc, "n.html", html, sizeof(html) - 1,
                                     NULL, &err), 0);
    ck_assert_int_eq(ev_extract_doc(ex, &doc, &err), 0);
    for (i = 0; i < doc.claims.n; i++) {
        const ev_claim *c = &doc.claims.v[i];
        const char *fig = doc.text + c->start;
        size_t n = c->end - c->start;
        ck_assert_msg(!(n >= 6 && strncmp(fig, "2019.1", 6) == 0),
                      "the marker joined the year");
        if (n == 2 && strncmp(fig, "5%", 2) == 0) {
            five = 1;
            ck_assert_uint_eq(c->cites.n, 1);
            ck_assert_str_eq(c->cites.v[0].marker, "1");
        }
        if (n == 2 && strncmp(fig, "7%", 2) == 0 &&
            c->start < (size_t)(strstr(doc.text, "See the") - doc.text)) {
            seven = 1;
            ck_assert_uint_eq(c->cites.n, 1);
            ck_assert_str_eq(c->cites.v[0].marker, "2");
        }
    }
    ck_assert(five && seven);
    ev_doc_release(&doc);
}
END_TEST

/* Two attributions in one sentence: each figure keeps the one governing
 * its clause; a nested one does not cut off the outer one. */
START_TEST(link_attribution_per_clause)
{
    static const char txt[] =
        "The minister said in 2017 that Japan paid 86 percent of the cost, "
        "though media outlets have estimated the number to be between 40 "
        "and 50 percent.\n\nPollster Genron NPO also reveals that 50.8 "
        "percent of respondents stated that trust had decreased.\n";
    static const char s1[] =
        "The minister said in 2017 that Japan paid 86 percent of the cost, "
        "though media outlets have estimated the number to be between 40 "
        "and 50 percent.";
    static const char s2[] = "Pollster Genron NPO also reveals that 50.8 "
                             "percent of respondents stated that trust had "
                             "decreased.";
    ev_doc doc;
    ev_claim c;
    size_t i;
    int genron = 0;
    load_text(&doc, txt, sizeof(txt) - 1);
    fake_claim(&c, &doc, "86 percent", s1);
    ck_assert_int_eq(ev_link_claim(ex, &doc, &c), 0);
    ck_assert_uint_eq(c.cites.n, 1);
    ck_assert_ptr_nonnull(strstr(c.cites.v[0].marker, "minister said"));
    ev_claim_release(&c);
    fake_claim(&c, &doc, "40 and 50 percent", s1);
    ck_assert_int_eq(ev_link_claim(ex, &doc, &c), 0);
    ck_assert_uint_eq(c.cites.n, 1);
    ck_assert_ptr_nonnull(strstr(c.cites.v[0].marker, "media outlets"));
    ev_claim_release(&c);
    fake_claim(&c, &doc, "50.8", s2);
    ck_assert_int_eq(ev_link_claim(ex, &doc, &c), 0);
    for (i = 0; i < c.cites.n; i++)
        genron |= strstr(c.cites.v[i].marker, "Genron NPO") != NULL;
    ck_assert(genron);
    ev_claim_release(&c);
    ev_doc_release(&doc);
}
END_TEST


/* JATS states its citations in markup: text patterns add nothing more. */
START_TEST(markup_cites_not_doubled)
{
    static const char xml[] =
        "<?xml version=\"1.0\"?><article><front><article-meta><title-group>"
        "<article-title>T</article-title></title-group></article-meta>"
        "</front><body><sec><title>Intro</title><p>As shown before "
        "(<xref ref-type=\"bibr\" rid=\"r1\">Smith, 2010</xref>), and as "
        "others argued (Jones, 2011), costs rose by 12 percent.</p></sec>"
        "</body><back><ref-list><ref id=\"r1\"><element-citation>"
        "<person-group><name><surname>Smith</surname><given-names>A"
        "</given-names></name></person-group><year>2010</year>"
        "<article-title>One</article-title></element-citation></ref>"
        "<ref id=\"r2\"><element-citation><person-group><name><surname>"
        "Jones</surname><given-names>B</given-names></name></person-group>"
        "<year>2011</year><article-title>Two</article-title>"
        "</element-citation></ref></ref-list></back></article>";
    ev_doc doc;
    ev_err err = {0, ""};
    ev_doc_init(&doc);
    ck_assert_int_eq(ev_corpus_parse(&doc, "a.xml", xml, sizeof(xml) - 1,
                                     NULL, &err), 0);
    ck_assert_int_eq(doc.format, EV_FMT_JATS);
    ck_assert_uint_eq(doc.cites.n, 1);
    ck_assert_int_eq(ev_extract_layout(ex, &doc, &err), 0);
    ck_assert_int_eq(ev_extract_cites(ex, &doc, &err), 0);
    ck_assert_uint_eq(doc.cites.n, 1);
    ck_assert_ptr_nonnull(strstr(doc.cites.v[0].marker, "Smith"));
    ev_doc_release(&doc);
}
END_TEST

START_TEST(json_writers)
{
    ev_doc doc;
    ev_buf b = EV_BUF_INIT;
    load_text(&doc, numbered_doc, sizeof(numbered_doc) - 1);
    ck_assert_int_eq(ev_cite_json_doc(&b, &doc, &doc.cites.v[0]), 0);
    ck_assert_ptr_nonnull(strstr(b.ptr, "\"doc\":\"t.txt\""));
    ck_assert_ptr_nonnull(strstr(b.ptr, "\"marker\":\"[1]\""));
    ck_assert_ptr_nonnull(strstr(b.ptr, "\"year\":2001"));
    ck_assert_ptr_null(strchr(b.ptr, '\n'));
    ev_buf_clear(&b);
    ck_assert_int_eq(ev_ref_json_doc(&b, &doc, &doc.refs.v[2]), 0);
    ck_assert_ptr_nonnull(strstr(b.ptr, "\"marker\":\"3\""));
    ck_assert_ptr_nonnull(strstr(b.ptr, "\"doi\":\"10.1000/xyz.3\""));
    ck_assert_ptr_nonnull(strstr(b.ptr, "\"urls\":[]"));
    ev_buf_release(&b);
    ev_doc_release(&doc);
}
END_TEST

/* ---- hostile input ---------------------------------------------------- */

START_TEST(hostile_markers_out_of_sequence)
{
    ev_buf b = EV_BUF_INIT;
    ev_doc doc;
    int i;
    for (i = 0; i < 1000; i++)
        ev_buf_printf(&b, "word%d. text.%d ", (i * 7919) % 1000 + 1,
                      (i * 104729) % 997 + 1);
    ev_buf_puts(&b, "\n\n");
    for (i = 1; i <= 1000; i++)
        ev_buf_printf(&b, "%d\xe2\x80\x82 Note %d, 2001.\n", i, i);
    ck_assert(!b.oom);
    load_text(&doc, b.ptr, b.len);
    check_blocks_sane(&doc);
    ck_assert_uint_eq(doc.notes.n, 1000);
    /* only in-sequence markers are taken */
    for (i = 1; i < (int)doc.cites.n; i++)
        ck_assert(atoi(doc.cites.v[i].marker) >
                  atoi(doc.cites.v[i - 1].marker));
    ev_doc_release(&doc);
    ev_buf_release(&b);
}
END_TEST

START_TEST(hostile_100k_references)
{
    ev_buf b = EV_BUF_INIT;
    ev_doc doc;
    int i;
    clock_t t0 = clock();
    ev_buf_puts(&b, "See [1], [50000] and (Name99999, 2001) and [99999].\n\n"
                    "References\n\n");
    for (i = 1; i <= 100000; i++)
        ev_buf_printf(&b, "%d. Name%d A, Other B (2001) Title %d. J 1: 2.\n\n",
                      i, i, i);
    ck_assert(!b.oom);
    load_text(&doc, b.ptr, b.len);
    ck_assert_uint_eq(doc.refs.n, 100000);
    ck_assert_ptr_nonnull(cite_at(&doc, "[50000]"));
    ck_assert_int_eq(cite_at(&doc, "[99999]")->refs.v[0], 99998);
    ck_assert_msg((double)(clock() - t0) / CLOCKS_PER_SEC < 30.0,
                  "too slow");
    ev_doc_release(&doc);
    ev_buf_release(&b);
}
END_TEST

START_TEST(hostile_unterminated_bracket)
{
    ev_buf b = EV_BUF_INIT;
    ev_doc doc;
    int i;
    ev_buf_puts(&b, "Text [1, 2, 3");
    for (i = 0; i < 200000; i++)
        ev_buf_puts(&b, ", 4");
    ev_buf_puts(&b, " and [");
    for (i = 0; i < 100000; i++)
        ev_buf_puts(&b, "[(");
    ev_buf_puts(&b, "\n\nReferences\n\n1. A B (2001) T. J.\n");
    ck_assert(!b.oom);
    load_text(&doc, b.ptr, b.len);
    ck_assert_uint_eq(doc.cites.n, 0);
    ev_doc_release(&doc);
    ev_buf_release(&b);
}
END_TEST

/* ---- the seeds -------------------------------------------------------- */

START_TEST(seed_001_footnotes)
{
    ev_doc doc;
    size_t i;
    const ev_note *n28;
    load_file(&doc, EV_SHARED_DIR "/corpus/seeds/001_234ade4c56047fd2.txt");
    check_blocks_sane(&doc);
    ck_assert_uint_eq(doc.notes.n, 37);
    for (i = 0; i < doc.notes.n; i++) {
        char lab[24];
        snprintf(lab, sizeof(lab), "%zu", i + 1);
        ck_assert_str_eq(doc.notes.v[i].label, lab);
    }
    n28 = &doc.notes.v[27];
    ck_assert_ptr_nonnull(strstr(n28->text, "2004 Statistical Compendium"));
    ck_assert_ptr_nonnull(strstr(n28->text, "74.5 percent"));
    ck_assert_str_eq(n28->urls.v[0], "http://archive.defense.gov/pubs/"
                                     "allied_contrib2004/allied2004.pdf");
    /* fn 4 is cut by a page break and joined back */
    ck_assert_ptr_nonnull(strstr(doc.notes.v[3].text,
                                 "President and U.S. Seen Favorably"));
    /* fn 35 is followed by body text, which is not part of it */
    ck_assert_ptr_null(strstr(doc.notes.v[34].text, "security legislation"));
    /* no footnote or URL-dump text left in body blocks */
    for (i = 0; i < doc.blocks.n; i++) {
        const ev_block *b = &doc.blocks.v[i];
        size_t k;
        if (b->kind != EV_BLK_PARA)
            continue;
        for (k = 0; k < doc.notes.n; k++) {
            char head[40];
            snprintf(head, sizeof(head), "%.30s", doc.notes.v[k].text);
            ck_assert_msg(!memmem(doc.text + b->start, b->end - b->start,
                                  head, strlen(head)),
                          "footnote %zu text in a body block", k + 1);
        }
        ck_assert(!memmem(doc.text + b->start, b->end - b->start, "http", 4));
    }
    /* every footnote marker found, in order, and nothing else */
    ck_assert_uint_eq(doc.cites.n, 37);
    for (i = 0; i < doc.cites.n; i++)
        ck_assert_int_eq(doc.cites.v[i].note, (int)i);
    ck_assert_ptr_nonnull(cite_at(&doc, "NATO).28"));
    ev_doc_release(&doc);
}
END_TEST

START_TEST(seed_000_references)
{
    ev_doc doc;
    load_file(&doc, EV_SHARED_DIR "/corpus/seeds/000_7b40eee1b7c376cd.txt");
    check_blocks_sane(&doc);
    ck_assert_uint_eq(doc.refs.n, 48);
    ck_assert_ptr_nonnull(strstr(doc.refs.v[26].text, "Kozlowski, G. (2019b)"));
    ck_assert_int_eq(doc.refs.v[26].year, 2019);
    ck_assert_int_eq(doc.refs.v[26].year_suffix, 'b');
    ck_assert_int_eq(doc.refs.v[6].year, 0);
    ev_doc_release(&doc);
}
END_TEST

Suite *cites_suite(void)
{
    Suite *s = suite_create("cites");
    TCase *tc = tcase_create("footnotes");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, footnote_reconstruction);
    tcase_add_test(tc, footnote_page_break_tail);
    tcase_add_test(tc, footnote_marker_not_a_number);
    tcase_add_test(tc, op_cit_back_reference);
    suite_add_tcase(s, tc);
    tc = tcase_create("references");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, numbered_cites);
    tcase_add_test(tc, author_year_cites);
    tcase_add_test(tc, reference_list_without_heading);
    tcase_add_test(tc, json_writers);
    suite_add_tcase(s, tc);
    tc = tcase_create("attributions");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, attributions, 0,
                        (int)(sizeof(attrib_cases) / sizeof(attrib_cases[0])));
    suite_add_tcase(s, tc);
    tc = tcase_create("link");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, link_claims);
    tcase_add_test(tc, link_attribution_and_reference);
    tcase_add_test(tc, link_html_anchors);
    tcase_add_test(tc, html_footnote_markers);
    tcase_add_test(tc, link_attribution_per_clause);
    tcase_add_test(tc, markup_cites_not_doubled);
    suite_add_tcase(s, tc);
    tc = tcase_create("hostile");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, hostile_markers_out_of_sequence);
    tcase_add_test(tc, hostile_100k_references);
    tcase_add_test(tc, hostile_unterminated_bracket);
    suite_add_tcase(s, tc);
    tc = tcase_create("seeds");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, seed_001_footnotes);
    tcase_add_test(tc, seed_000_references);
    suite_add_tcase(s, tc);
    return s;
}

/*
 * Reading single words for the claim comparison: the word lists (stop
 * words, numbers in words, the cue words and stems of demands, targets,
 * changes, attributions, measured nouns and statements), the countries
 * by name, and a lexicon that remembers each word it has read, so that
 * a word met again in another claim costs one hash lookup, not a stemmer
 * run and a dozen list scans. Everything here depends on the word alone,
 * never on the words around it.
 */
#include "compare_int.h"

#include <assert.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Words the lexicon keeps at most (about 200 bytes each). */
#define LEXICON_MAX_WORDS (1u << 15)
/* Slots of a lexicon's class table (every word of the lists; a power of
 * two, at most a quarter full). */
#define CLASS_SLOTS 2048
/* A number in words (number_words): a class of this file only. */
#define WC_NUMBER (1u << 31)

/* Function words, figure words and reporting verbs: never content. */
static const char *const stop_words[] = {
    "a", "about", "above", "according", "across", "after", "again",
    "against", "all", "almost", "also", "am", "among", "an", "and", "any",
    "approximately", "are", "around", "as", "at", "be", "because", "been",
    "before", "being", "below", "between", "both", "but", "by", "can",
    "could", "did", "do", "does", "during", "each", "either", "estimate",
    "estimated", "estimates", "even", "every", "few", "for", "from",
    "further", "had", "has", "have", "having", "he", "her", "here", "his",
    "how", "however", "i", "if", "in", "into", "is", "it", "its", "itself",
    "just", "least", "less", "like", "many", "may", "might", "more", "most",
    "much", "must", "near", "nearly", "no", "nor", "not", "now", "of",
    "off", "on", "once", "one", "only", "or", "other", "others", "our",
    "out", "over", "own", "per", "percent", "percentage", "point", "points",
    "reported", "roughly", "said", "same", "say", "says", "she", "should",
    "since", "so", "some", "somewhere", "such", "than", "that", "the",
    "their", "them", "then", "there", "these", "they", "this", "those",
    "though", "although", "through", "to", "too", "under", "until", "up",
    "upon", "very", "was", "we", "were", "what", "when", "where", "whereas",
    "which", "while", "who", "whom", "why", "will", "with", "within",
    "would", "yet", "you", "your", "cent", "dollar", "dollars", "usd",
    "yen", "jpy", "euro", "euros", "eur", "pound", "pounds", "gbp",
    "thousand", "thousands", "million", "millions", "billion", "billions",
    "trillion", "trillions", "hundred", "hundreds", "dozen", "dozens",
    "bn", "mn", "us", "region", "stated", "state", "states", "claimed",
    "claims", "noted", "put", "around", "exactly", "just", "only", "mere",
    "nearly", "some", "fy", "fiscal", "year", "years", "cit", "ibid",
    "see", "p", "pp", "http", "https", "www", "com", "org", "html", "pdf"};

static const char *const number_words[] = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
    "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
    "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
    "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "half",
    "hundred", "thousand", "million", "billion", "trillion", "dozen",
    "dozens", "hundreds", "thousands", "millions", "billions"};

/* Stems of words that make a figure a demand rather than a measurement. */
static const char *const demand_stems[] = {
    "demand", "push", "urg", "insist", "should", "must", "want", "ask",
    "press", "call", "requir", "expect", "propos", "seek", "sought",
    "ought"};
/* Stems of words that make a figure a target, goal or standard. */
static const char *const target_stems[] = {
    "target", "goal", "guidelin", "aim", "pledg", "commit", "object",
    "promis", "ceil", "threshold", "benchmark", "quota", "cap", "minimum"};
/* Stems of change verbs: "rose from X to Y" makes X and Y time points. */
static const char *const change_stems[] = {
    "increas", "rise", "rose", "risen", "grow", "grew", "grown", "fell",
    "fall", "fallen", "declin", "drop", "decreas", "doubl", "tripl", "cut",
    "reduc", "rais", "climb", "jump", "soar", "plung", "shrank", "shrink",
    "expand", "surg", "went", "chang", "move", "slip", "slid", "sank",
    "sink", "tumbl", "recov", "rebound"};
/* Conjunctions that introduce a different estimate of the same thing. */
static const char *const contrast_words[] = {
    "though", "although", "but", "however", "whereas", "while", "yet",
    "whilst", "despite"};
/* Stems of verbs that attribute a figure to a source. */
static const char *const attrib_stems[] = {
    "estim", "said", "sai", "claim", "report", "put", "suggest", "argu",
    "believ", "calcul", "assess", "state", "found", "show", "place",
    "reckon", "insist", "counter", "contend", "figur", "number"};
/* Words that separate the items of a comparison. */
static const char *const separator_words[] = {
    "versus", "vs", "while", "whereas", "than", "compared", "but",
    "though", "although", "against", "whilst"};

/* Countries and blocs, by capitalised name or demonym. */
typedef struct entity_name {
    const char *name; /* as written (case-sensitive first letter) */
    int id;
} entity_name;

static const entity_name entity_names[] = {
    {"US", 1}, {"USA", 1}, {"America", 1}, {"American", 1},
    {"Americans", 1}, {"Japan", 2}, {"Japanese", 2}, {"China", 3},
    {"Chinese", 3}, {"UK", 4}, {"Britain", 4}, {"British", 4},
    {"England", 4}, {"Germany", 5}, {"German", 5}, {"Germans", 5},
    {"France", 6}, {"French", 6}, {"Italy", 7}, {"Italian", 7},
    {"Belgium", 8}, {"Belgian", 8}, {"Turkey", 9}, {"Turkish", 9},
    {"Korea", 10}, {"Korean", 10}, {"Koreans", 10}, {"Russia", 12},
    {"Russian", 12}, {"India", 13}, {"Indian", 13}, {"Australia", 14},
    {"Australian", 14}, {"Canada", 15}, {"Canadian", 15}, {"Spain", 16},
    {"Spanish", 16}, {"Netherlands", 17}, {"Dutch", 17}, {"Poland", 18},
    {"Polish", 18}, {"Norway", 19}, {"Norwegian", 19}, {"Denmark", 20},
    {"Danish", 20}, {"Sweden", 21}, {"Swedish", 21}, {"Finland", 22},
    {"Finnish", 22}, {"Greece", 23}, {"Greek", 23}, {"Portugal", 24},
    {"Portuguese", 24}, {"Ukraine", 25}, {"Ukrainian", 25}, {"Taiwan", 26},
    {"Taiwanese", 26}, {"Philippines", 27}, {"Filipino", 27},
    {"Vietnam", 28}, {"Vietnamese", 28}, {"Israel", 29}, {"Israeli", 29},
    {"Iran", 30}, {"Iranian", 30}, {"Iraq", 31}, {"Iraqi", 31},
    {"Afghanistan", 32}, {"Afghan", 32}, {"Pakistan", 33},
    {"Pakistani", 33}, {"Mexico", 34}, {"Mexican", 34}, {"Brazil", 35},
    {"Brazilian", 35}, {"NATO", 36}, {"EU", 37}, {"Europe", 38},
    {"European", 38}, {"Europeans", 38}, {"Switzerland", 39},
    {"Swiss", 39}, {"Austria", 40}, {"Austrian", 40}, {"Ireland", 41},
    {"Irish", 41}, {"Singapore", 42}, {"Indonesia", 43},
    {"Indonesian", 43}, {"Thailand", 44}, {"Thai", 44}, {"Egypt", 45},
    {"Egyptian", 45}, {"Nigeria", 46}, {"Nigerian", 46}, {"Kenya", 47},
    {"Argentina", 48}, {"Chile", 49}, {"Colombia", 50}, {"Hungary", 51},
    {"Romania", 52}, {"Czech", 53}, {"Estonia", 54}, {"Latvia", 55},
    {"Lithuania", 56}, {"Luxembourg", 57}, {"Qatar", 58}, {"Bahrain", 59},
    {"Kuwait", 60}, {"Syria", 61}, {"Mongolia", 62}, {"Malaysia", 63},
    /* capitals stand for their governments */
    {"Washington", 1}, {"Tokyo", 2}, {"Beijing", 3}, {"London", 4},
    {"Berlin", 5}, {"Paris", 6}, {"Rome", 7}, {"Brussels", 8},
    {"Ankara", 9}, {"Pyongyang", 10}, {"Seoul", 11}, {"Moscow", 12},
    {"Delhi", 13}, {"Canberra", 14}, {"Ottawa", 15}, {"Madrid", 16},
    {"Warsaw", 18}, {"Kyiv", 25}, {"Kiev", 25}, {"Taipei", 26},
    {"Manila", 27}, {"Hanoi", 28}, {"Tehran", 30}, {"Baghdad", 31},
    {"Kabul", 32}, {"Islamabad", 33}};

/* Two-word names: first, second, id. */
static const struct {
    const char *a, *b;
    int id;
} entity_pairs[] = {{"United", "States", 1}, {"United", "Kingdom", 4},
                    {"South", "Korea", 11},  {"South", "Korean", 11},
                    {"North", "Korea", 10},  {"North", "Korean", 10},
                    {"European", "Union", 37}, {"New", "Zealand", 64},
                    {"Saudi", "Arabia", 65}, {"South", "Africa", 66}};


/* Words that end a noun phrase: relative pronouns, conjunctions and
 * auxiliaries ("the cost of US forces in Japan that the nation covers"). */
static const char *const phrase_end_words[] = {
    "that", "which", "who", "whom", "whose", "where", "when", "while",
    "whereas", "though", "although", "because", "since", "as", "is", "are",
    "was", "were", "has", "have", "had", "will", "would", "could", "should",
    "can", "may", "might", "must", "do", "does", "did", "be", "been",
    "being", "and", "or", "but", "than", "versus", "vs", "compared",
    "according"};

/* Stems of nouns that name a measured quantity ("the share of ...",
 * "the cost of ...", "the number of ..."). */
static const char *const measure_stems[] = {
    "share", "percentag", "proport", "portion", "fraction", "rate",
    "cost", "number", "amount", "total", "valu", "price", "budget", "sum",
    "expens", "level"};

/* Words that set two figures side by side on one measure ("75 percent
 * (US-Japan) versus 30-40 percent (US-NATO)"). */
static const char *const compare_words[] = {"versus", "vs", "compared",
                                            "against", "whereas"};

/* Words naming a publication: "a 2019 report" dates the source, not the
 * figure. */
static const char *const publication_words[] = {
    "report", "study", "paper", "article", "analysis", "book", "review",
    "publication", "survey", "estimate", "briefing", "brief", "testimony",
    "statement", "document", "edition", "yearbook", "compendium"};

/* Stems of verbs whose date is the date of a statement, not of the
 * figure: "the minister said in 2017 that Japan paid 86 percent". */
static const char *const statement_stems[] = {
    "said", "sai", "announc", "report", "state", "claim", "told", "wrote",
    "testifi", "argu", "note", "estim", "declar", "insist", "admit",
    "acknowledg", "explain", "remark", "publish", "releas", "warn"};

#define N_OF(list) (sizeof(list) / sizeof((list)[0]))

static int in_list(const char *w, const char *const *list, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (list[i][0] == w[0] && !strcmp(w, list[i]))
            return 1;
    return 0;
}

static int strcasecmp_ascii(const char *a, const char *b)
{
    while (*a && tolower((unsigned char)*a) == tolower((unsigned char)*b)) {
        a++;
        b++;
    }
    return tolower((unsigned char)*a) - tolower((unsigned char)*b);
}

/* Word lists that a word is looked up in by its lowercase form, and
 * those that its stem is looked up in. */
typedef struct word_list {
    const char *const *list;
    size_t n;
    unsigned cls;
} word_list;

static const word_list low_lists[] = {
    {stop_words, N_OF(stop_words), EV_WC_STOP},
    {separator_words, N_OF(separator_words), EV_WC_SEPARATOR},
    {phrase_end_words, N_OF(phrase_end_words), EV_WC_PHRASE_END},
    {contrast_words, N_OF(contrast_words), EV_WC_CONTRAST},
    {compare_words, N_OF(compare_words), EV_WC_COMPARE},
    {publication_words, N_OF(publication_words), EV_WC_PUBLICATION}},
  stem_lists[] = {
    {demand_stems, N_OF(demand_stems), EV_WC_DEMAND},
    {target_stems, N_OF(target_stems), EV_WC_TARGET},
    {change_stems, N_OF(change_stems), EV_WC_CHANGE},
    {attrib_stems, N_OF(attrib_stems), EV_WC_ATTRIB},
    {measure_stems, N_OF(measure_stems), EV_WC_MEASURE},
    {statement_stems, N_OF(statement_stems), EV_WC_STATEMENT}};

/*
 * One word of the lists in a lexicon's class table: the classes of a
 * word whose lowercase form it is (low, with WC_NUMBER) and of a word
 * whose stem it is (stem). A word not met before is looked up here
 * instead of in every list: the lists hold some 450 words, and in a
 * large draft check thousands of words are new.
 */
struct ev_word_class {
    const char *w; /* NULL: a free slot */
    unsigned low, stem;
};

static size_t class_slot(const ev_word_class *tab, const char *w,
                         size_t len)
{
    size_t j = (size_t)ev_hash64(w, len, 0) & (CLASS_SLOTS - 1);
    while (tab[j].w && strcmp(tab[j].w, w))
        j = (j + 1) & (CLASS_SLOTS - 1);
    return j;
}

static void class_add(ev_word_class *tab, const char *w, unsigned low,
                      unsigned stem)
{
    size_t j = class_slot(tab, w, strlen(w));
    tab[j].w = w;
    tab[j].low |= low;
    tab[j].stem |= stem;
}

/* The class table of every list's words, or NULL when out of memory. */
static ev_word_class *classes_new(void)
{
    ev_word_class *tab = calloc(CLASS_SLOTS, sizeof(*tab));
    size_t k, i;
    if (!tab)
        return NULL;
    for (k = 0; k < N_OF(low_lists); k++)
        for (i = 0; i < low_lists[k].n; i++)
            class_add(tab, low_lists[k].list[i], low_lists[k].cls, 0);
    for (k = 0; k < N_OF(stem_lists); k++)
        for (i = 0; i < stem_lists[k].n; i++)
            class_add(tab, stem_lists[k].list[i], 0, stem_lists[k].cls);
    for (i = 0; i < N_OF(number_words); i++)
        class_add(tab, number_words[i], WC_NUMBER, 0);
    return tab;
}

/* The classes of the lists of lists[0..n) that hold w. */
static unsigned lists_classes(const word_list *lists, size_t n,
                              const char *w)
{
    unsigned cls = 0;
    size_t k;
    for (k = 0; k < n; k++)
        if (in_list(w, lists[k].list, lists[k].n))
            cls |= lists[k].cls;
    return cls;
}

/* The classes of a lowercase form (WC_NUMBER included), from tab or,
 * when it is NULL, from the lists themselves. */
static unsigned low_classes(const ev_word_class *tab, const char *low,
                            size_t len)
{
    if (tab) {
        size_t k = class_slot(tab, low, len);
        return tab[k].w ? tab[k].low : 0;
    }
    return lists_classes(low_lists, N_OF(low_lists), low) |
           (in_list(low, number_words, N_OF(number_words)) ? WC_NUMBER : 0);
}

static unsigned stem_classes(const ev_word_class *tab, const char *stem,
                             size_t len)
{
    if (tab) {
        size_t k = class_slot(tab, stem, len);
        return tab[k].w ? tab[k].stem : 0;
    }
    return lists_classes(stem_lists, N_OF(stem_lists), stem);
}

/* A year written as a number, or after "FY": "2019", "fy2019". */
static int year_of(int kind, const char *low)
{
    const char *d = low;
    long v;
    if (kind == EV_TK_WORD && !strncmp(d, "fy", 2))
        d += 2;
    else if (kind != EV_TK_NUM)
        return 0;
    if (strlen(d) != 4 || !isdigit((unsigned char)d[0]) ||
        !isdigit((unsigned char)d[3]))
        return 0;
    v = strtol(d, NULL, 10);
    return v >= 1900 && v <= 2099 ? (int)v : 0;
}

/* The countries a word that starts with a letter names (every name
 * does). A first letter that differs rejects nearly all names. */
static void read_names(ev_lex *x, const char *raw)
{
    size_t k;
    char first = x->low[0];
    for (k = 0; k < N_OF(entity_pairs); k++)
        if ((tolower((unsigned char)entity_pairs[k].a[0]) == first &&
             !strcasecmp_ascii(raw, entity_pairs[k].a)) ||
            (tolower((unsigned char)entity_pairs[k].b[0]) == first &&
             !strcasecmp_ascii(raw, entity_pairs[k].b)))
            x->cls |= EV_WC_PAIR;
    for (k = 0; k < N_OF(entity_names); k++) {
        const char *name = entity_names[k].name;
        if (tolower((unsigned char)name[0]) != first)
            continue;
        if (!x->name && !strcmp(raw, name))
            x->name = entity_names[k].id;
        if (!x->name_any && !strcasecmp_ascii(x->low, name))
            x->name_any = entity_names[k].id;
    }
}

/* ev_compare__lex_read with the classes from tab (NULL: the lists). */
static void lex_fill(ev_lex *out, const char *raw, size_t len,
                     const ev_word_class *tab)
{
    size_t k;
    /* every list entry and name starts with a letter */
    int digits_first = isdigit((unsigned char)raw[0]) != 0;
    unsigned low_cls = 0;
    assert(len > 0 && len < EV_WORD_MAX);
    out->cls = 0;
    out->name = 0;
    out->name_any = 0;
    out->term = 0;
    out->len = len;
    for (k = 0; k < len; k++)
        out->low[k] = (char)tolower((unsigned char)raw[k]);
    out->low[len] = '\0';
    if (!digits_first)
        low_cls = low_classes(tab, out->low, len);
    if (digits_first && isdigit((unsigned char)raw[len - 1]))
        out->kind = EV_TK_NUM;
    else if (low_cls & WC_NUMBER)
        out->kind = EV_TK_NUMWORD;
    else
        out->kind = EV_TK_WORD;
    memcpy(out->stem, out->low, len + 1);
    out->stem_len = len;
    if (out->kind == EV_TK_WORD)
        out->stem_len = ev_compare__stem(out->stem, len);
    if (!digits_first) {
        out->cls = (low_cls & ~WC_NUMBER) |
                   stem_classes(tab, out->stem, out->stem_len);
        read_names(out, raw);
    }
    out->year = year_of(out->kind, out->low);
    if (out->kind == EV_TK_WORD && len >= 2 && !(out->cls & EV_WC_STOP))
        out->term = ev_compare__term(out->stem, out->stem_len);
}

void ev_compare__lex_read(ev_lex *out, const char *raw, size_t len)
{
    lex_fill(out, raw, len, NULL);
}

int ev_compare__entity_pair(const char *prev, const char *w,
                            const char *next, int any_case)
{
    size_t k;
    if (any_case) {
        for (k = 0; k < N_OF(entity_pairs); k++)
            if ((next && !strcasecmp_ascii(w, entity_pairs[k].a) &&
                 !strcasecmp_ascii(next, entity_pairs[k].b)) ||
                (prev && !strcasecmp_ascii(w, entity_pairs[k].b) &&
                 !strcasecmp_ascii(prev, entity_pairs[k].a)))
                return entity_pairs[k].id;
        return 0;
    }
    if (next)
        for (k = 0; k < N_OF(entity_pairs); k++)
            if (!strcmp(w, entity_pairs[k].a) &&
                !strcmp(next, entity_pairs[k].b))
                return entity_pairs[k].id;
    if (prev)
        for (k = 0; k < N_OF(entity_pairs); k++)
            if (!strcmp(w, entity_pairs[k].b) &&
                !strcmp(prev, entity_pairs[k].a))
                return entity_pairs[k].id;
    return 0;
}

/* ------------------------------------------------------------------ */
/* The lexicon                                                          */

/* A word the lexicon has read: its hash, itself and its reading. */
struct ev_lex_entry {
    uint64_t h;
    char raw[EV_WORD_MAX];
    ev_lex x;
};

void ev_compare__lexicon_release(ev_lexicon *lx)
{
    free(lx->v);
    free(lx->ix);
    free(lx->classes);
    memset(lx, 0, sizeof(*lx));
}

/* Room for one more word: ix at most half full, v as long as ix. False
 * when full or out of memory (the word is then not kept). */
static int lexicon_room(ev_lexicon *lx)
{
    size_t nc, k;
    uint32_t *ix;
    ev_lex_entry *v;
    if ((lx->n + 1) * 2 <= lx->cap)
        return 1;
    if (lx->n >= LEXICON_MAX_WORDS)
        return 0;
    nc = lx->cap ? lx->cap * 2 : 1024;
    ix = calloc(nc, sizeof(*ix));
    v = ix ? realloc(lx->v, nc / 2 * sizeof(*v)) : NULL;
    if (!v) {
        free(ix);
        return 0;
    }
    lx->v = v;
    for (k = 0; k < lx->n; k++) {
        size_t j = (size_t)lx->v[k].h & (nc - 1);
        while (ix[j])
            j = (j + 1) & (nc - 1);
        ix[j] = (uint32_t)(k + 1);
    }
    free(lx->ix);
    lx->ix = ix;
    lx->cap = nc;
    return 1;
}

const ev_lex *ev_compare__lexicon_get(ev_lexicon *lx, const char *raw,
                                      size_t len, ev_lex *tmp)
{
    uint64_t h;
    size_t j = 0;
    /* numbers are many and cheap to read: not kept */
    if (!lx || isdigit((unsigned char)raw[0])) {
        lex_fill(tmp, raw, len, NULL);
        return tmp;
    }
    h = ev_hash64(raw, len, 0);
    if (lx->cap) {
        for (j = (size_t)h & (lx->cap - 1); lx->ix[j];
             j = (j + 1) & (lx->cap - 1)) {
            const ev_lex_entry *e = &lx->v[lx->ix[j] - 1];
            if (e->h == h && e->x.len == len && !memcmp(e->raw, raw, len))
                return &e->x;
        }
    }
    /* built for the first new word; without memory for it, the lists
     * are scanned */
    if (!lx->classes)
        lx->classes = classes_new();
    lex_fill(tmp, raw, len, lx->classes);
    if (!lx->cap || (lx->n + 1) * 2 > lx->cap) {
        if (!lexicon_room(lx))
            return tmp;
        /* the table was rebuilt: find the free slot again */
        for (j = (size_t)h & (lx->cap - 1); lx->ix[j];)
            j = (j + 1) & (lx->cap - 1);
    }
    lx->v[lx->n].h = h;
    memcpy(lx->v[lx->n].raw, raw, len);
    lx->v[lx->n].x = *tmp;
    lx->ix[j] = (uint32_t)++lx->n;
    return tmp;
}

/*
 * A small Porter stemmer (M. F. Porter, 1980, steps 1a to 5b) for the
 * content words the claim comparison matches on: "relocated",
 * "relocation" and "relocate" all become "reloc". Works in place on
 * lowercase ASCII words.
 */
#include "compare_int.h"

#include <string.h>

typedef struct stemmer {
    char *b; /* the word */
    size_t k;  /* index of its last letter */
    size_t j;  /* end of the stem while a suffix is tested */
} stemmer;

static int is_cons(const stemmer *z, size_t i)
{
    switch (z->b[i]) {
    case 'a': case 'e': case 'i': case 'o': case 'u':
        return 0;
    case 'y':
        return i == 0 ? 1 : !is_cons(z, i - 1);
    default:
        return 1;
    }
}

/* Number of VC sequences in b[0..j]. */
static int measure(const stemmer *z)
{
    int n = 0;
    size_t i = 0;
    for (;;) {
        if (i > z->j)
            return n;
        if (!is_cons(z, i))
            break;
        i++;
    }
    i++;
    for (;;) {
        for (;;) {
            if (i > z->j)
                return n;
            if (is_cons(z, i))
                break;
            i++;
        }
        i++;
        n++;
        for (;;) {
            if (i > z->j)
                return n;
            if (!is_cons(z, i))
                break;
            i++;
        }
        i++;
    }
}

static int vowel_in_stem(const stemmer *z)
{
    size_t i;
    for (i = 0; i <= z->j; i++)
        if (!is_cons(z, i))
            return 1;
    return 0;
}

static int double_cons(const stemmer *z, size_t i)
{
    return i >= 1 && z->b[i] == z->b[i - 1] && is_cons(z, i);
}

/* cvc at i, the last c not w, x or y: "hop" but not "snow". */
static int cvc(const stemmer *z, size_t i)
{
    char ch;
    if (i < 2 || !is_cons(z, i) || is_cons(z, i - 1) || !is_cons(z, i - 2))
        return 0;
    ch = z->b[i];
    return !(ch == 'w' || ch == 'x' || ch == 'y');
}

/* Does b[0..k] end with s? Sets j to the index before the suffix. */
static int ends(stemmer *z, const char *s)
{
    size_t len = strlen(s);
    if (len > z->k + 1)
        return 0;
    if (memcmp(z->b + z->k + 1 - len, s, len) != 0)
        return 0;
    if (z->k + 1 == len)
        return 0; /* keep at least one letter of stem */
    z->j = z->k - len;
    return 1;
}

/* Replaces b[j+1..k] by s. Callers never grow the word past its input
 * length: each replacement is no longer than the suffix it replaces or
 * adds one letter after a removed suffix of two or more. */
static void set_to(stemmer *z, const char *s)
{
    size_t len = strlen(s);
    memcpy(z->b + z->j + 1, s, len);
    z->k = z->j + len;
}

static void replace_if_m(stemmer *z, const char *s)
{
    if (measure(z) > 0)
        set_to(z, s);
}

static void step1ab(stemmer *z)
{
    if (z->b[z->k] == 's') {
        if (ends(z, "sses"))
            z->k -= 2;
        else if (ends(z, "ies"))
            set_to(z, "i");
        else if (z->k >= 1 && z->b[z->k - 1] != 's')
            z->k--;
    }
    if (ends(z, "eed")) {
        if (measure(z) > 0)
            z->k--;
    } else if ((ends(z, "ed") || ends(z, "ing")) && vowel_in_stem(z)) {
        z->k = z->j;
        if (ends(z, "at"))
            set_to(z, "ate");
        else if (ends(z, "bl"))
            set_to(z, "ble");
        else if (ends(z, "iz"))
            set_to(z, "ize");
        else if (double_cons(z, z->k)) {
            char ch = z->b[z->k];
            if (ch != 'l' && ch != 's' && ch != 'z')
                z->k--;
        } else {
            z->j = z->k;
            if (measure(z) == 1 && cvc(z, z->k)) {
                z->j = z->k;
                set_to(z, "e");
            }
        }
    }
}

static void step1c(stemmer *z)
{
    if (ends(z, "y") && vowel_in_stem(z))
        z->b[z->k] = 'i';
}

typedef struct sfx {
    const char *from, *to;
} sfx;

static void step_table(stemmer *z, const sfx *t, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (ends(z, t[i].from)) {
            replace_if_m(z, t[i].to);
            return;
        }
    }
}

static void step2(stemmer *z)
{
    static const sfx t[] = {
        {"ational", "ate"}, {"tional", "tion"}, {"enci", "ence"},
        {"anci", "ance"},   {"izer", "ize"},    {"bli", "ble"},
        {"alli", "al"},     {"entli", "ent"},   {"eli", "e"},
        {"ousli", "ous"},   {"ization", "ize"}, {"ation", "ate"},
        {"ator", "ate"},    {"alism", "al"},    {"iveness", "ive"},
        {"fulness", "ful"}, {"ousness", "ous"}, {"aliti", "al"},
        {"iviti", "ive"},   {"biliti", "ble"},  {"logi", "log"}};
    step_table(z, t, sizeof(t) / sizeof(t[0]));
}

static void step3(stemmer *z)
{
    static const sfx t[] = {{"icate", "ic"}, {"ative", ""}, {"alize", "al"},
                            {"iciti", "ic"}, {"ical", "ic"}, {"ful", ""},
                            {"ness", ""}};
    step_table(z, t, sizeof(t) / sizeof(t[0]));
}

static void step4(stemmer *z)
{
    static const char *const t[] = {
        "al",  "ance", "ence", "er",  "ic",  "able", "ible", "ant",
        "ement", "ment", "ent", "ion", "ou", "ism", "ate", "iti",
        "ous", "ive", "ize"};
    size_t i;
    for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        if (!ends(z, t[i]))
            continue;
        if (!strcmp(t[i], "ion") &&
            !(z->b[z->j] == 's' || z->b[z->j] == 't'))
            continue;
        if (measure(z) > 1)
            z->k = z->j;
        return;
    }
}

static void step5(stemmer *z)
{
    z->j = z->k;
    if (z->b[z->k] == 'e') {
        int a = measure(z);
        if (a > 1 || (a == 1 && z->k >= 1 && !cvc(z, z->k - 1)))
            z->k--;
    }
    if (z->b[z->k] == 'l' && double_cons(z, z->k)) {
        z->j = z->k;
        if (measure(z) > 1)
            z->k--;
    }
}

size_t ev_compare__stem(char *w, size_t len)
{
    stemmer z;
    size_t i;
    if (len <= 2 || len >= EV_WORD_MAX)
        return len;
    for (i = 0; i < len; i++)
        if (w[i] < 'a' || w[i] > 'z')
            return len;
    z.b = w;
    z.k = len - 1;
    z.j = 0;
    step1ab(&z);
    if (z.k > 0) {
        step1c(&z);
        step2(&z);
        step3(&z);
        step4(&z);
        step5(&z);
    }
    w[z.k + 1] = '\0';
    return z.k + 1;
}

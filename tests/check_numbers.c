/*
 * Tests for the number recogniser (ev_numbers_scan) and ev_figure_parse:
 * tables of input and expected figures, covering the examples and the
 * hard cases of issue 3, the non-claims, and malformed input.
 */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"

static ev_extractor *ex;

static void setup(void)
{
    ev_err err;
    ck_assert_int_eq(ev_extractor_new(&ex, &err), 0);
}

static void teardown(void)
{
    ev_extractor_free(ex);
    ex = NULL;
}

/* Expected figure: surface (exact bytes), lo, hi, unit, qualifier. */
typedef struct want {
    const char *surface;
    double lo, hi;
    const char *unit;
    int qual;
} want;

typedef struct ncase {
    const char *text;
    int n;          /* expected number of non-year figures */
    want w[3];
} ncase;

#define X EV_Q_EXACT
#define AP EV_Q_APPROX
#define MT EV_Q_MORE_THAN
#define AL EV_Q_AT_LEAST
#define AM EV_Q_AT_MOST
#define LT EV_Q_LESS_THAN
#define RG EV_Q_RANGE

static const ncase CASES[] = {
    /* digits, separators, decimals */
    {"About 54,000 U.S. troops are stationed in Japan.", 1,
     {{"54,000", 54000, 54000, "count", AP}}},
    {"It stands at 74.5 percent.", 1, {{"74.5 percent", 74.5, 74.5, "percent", X}}},
    {"a total of 816 000 t of grain", 1, {{"816 000 t", 816000, 816000, "t", X}}},
    {"revenue of $13 009 million last year", 1,
     {{"$13 009 million", 13009e6, 13009e6, "USD", X}}},
    /* percentages */
    {"up 24% on the year", 1, {{"24%", 24, 24, "percent", X}}},
    {"a mere 2 percent said so", 1, {{"2 percent", 2, 2, "percent", X}}},
    {"some 40 per cent of voters", 1, {{"40 per cent", 40, 40, "percent", AP}}},
    /* money */
    {"costs $1.7 billion a year", 1, {{"$1.7 billion", 1.7e9, 1.7e9, "USD", X}}},
    {"requested 4.7 billion dollars", 1,
     {{"4.7 billion dollars", 4.7e9, 4.7e9, "USD", X}}},
    {"more than 587.5 billion yen", 1,
     {{"587.5 billion yen", 587.5e9, 587.5e9, "JPY", MT}}},
    {"a fine of EUR 3m was paid", 1, {{"EUR 3m", 3e6, 3e6, "EUR", X}}},
    {"a deal worth £2bn", 1, {{"£2bn", 2e9, 2e9, "GBP", X}}},
    {"a grant of US$4.7 billion", 1, {{"US$4.7 billion", 4.7e9, 4.7e9, "USD", X}}},
    {"raised $ 1.8 bln in bonds", 1, {{"$ 1.8 bln", 1.8e9, 1.8e9, "USD", X}}},
    {"a $728 mil contract", 1, {{"$728 mil", 728e6, 728e6, "USD", X}}},
    {"spent £300m on it", 1, {{"£300m", 300e6, 300e6, "GBP", X}}},
    {"a $5MM round", 1, {{"$5MM", 5e6, 5e6, "USD", X}}},
    {"lost EUR 2.5 mn", 1, {{"EUR 2.5 mn", 2.5e6, 2.5e6, "EUR", X}}},
    {"output of 3.8 billion", 1, {{"3.8 billion", 3.8e9, 3.8e9, "count", X}}},
    {"4 cents or 4$", 2,
     {{"4 cents", 0.04, 0.04, "USD", X}, {"4$", 4, 4, "USD", X}}},
    /* word numbers */
    {"approximately fifty-four thousand U.S. military personnel", 1,
     {{"fifty-four thousand", 54000, 54000, "count", AP}}},
    {"of the eighty-five U.S. military facilities", 1,
     {{"eighty-five", 85, 85, "count", X}}},
    {"Thirty-one of the bases", 1, {{"Thirty-one", 31, 31, "count", X}}},
    {"abducted seventeen Japanese citizens", 1,
     {{"seventeen", 17, 17, "count", X}}},
    {"they bought a dozen eggs", 1, {{"a dozen", 12, 12, "count", X}}},
    {"we saw twelve ships", 1, {{"twelve", 12, 12, "count", X}}},
    {"hundreds of protesters came", 1, {{"hundreds", 200, 200, "count", AL}}},
    {"launched dozens of missiles", 1, {{"dozens", 24, 24, "count", AL}}},
    {"billions of dollars more", 1,
     {{"billions of dollars", 2e9, 2e9, "USD", AL}}},
    {"spend millions of dollars", 1,
     {{"millions of dollars", 2e6, 2e6, "USD", AL}}},
    {"a value of zero point five", 1,
     {{"zero point five", 0.5, 0.5, "count", X}}},
    {"it took one and a half hours", 1,
     {{"one and a half hours", 1.5, 1.5, "other", X}}},
    /* ranges */
    {"between 40 and 50 percent", 1,
     {{"40 and 50 percent", 40, 50, "percent", RG}}},
    {"versus 30–40 percent", 1, {{"30–40 percent", 30, 40, "percent", RG}}},
    {"ranges from $1.7 billion to $2.1 billion per year", 1,
     {{"$1.7 billion to $2.1 billion", 1.7e9, 2.1e9, "USD", RG}}},
    {"costs 1.7-2.1 billion dollars", 1,
     {{"1.7-2.1 billion dollars", 1.7e9, 2.1e9, "USD", RG}}},
    {"An estimated 40,000 to 150,000 citizens", 1,
     {{"40,000 to 150,000", 40000, 150000, "count", RG}}},
    {"views fell from 72 to 57 percent", 2,
     {{"72", 72, 72, "percent", X}, {"57 percent", 57, 57, "percent", X}}},
    {"in fiscal 2012–13 the budget", 0, {{NULL, 0, 0, NULL, 0}}},
    {"sales decreased $1.2 million to $23.5 million", 2,
     {{"$1.2 million", 1.2e6, 1.2e6, "USD", X},
      {"$23.5 million", 23.5e6, 23.5e6, "USD", X}}},
    {"a mean of 4.9 ± 0.7 mg", 1, {{"4.9 ± 0.7 mg", 4.2, 5.6, "mg", RG}}},
    /* a negative margin is a margin all the same: never lo > hi */
    {"83 +/- -5% of them", 1, {{"83 +/- -5%", 78, 88, "percent", RG}}},
    /* qualifiers */
    {"speeds exceeding 150 km/h", 1, {{"150 km/h", 150, 150, "km/h", MT}}},
    {"up to 700 people", 1, {{"700", 700, 700, "count", AM}}},
    {"100 or over", 1, {{"100", 100, 100, "count", AL}}},
    {"more than half of them", 1, {{"half", 0.5, 0.5, "count", MT}}},
    {"at least 5 ships", 1, {{"5", 5, 5, "count", AL}}},
    {"less than two weeks after", 1, {{"two weeks", 2, 2, "other", LT}}},
    {"fewer than 20 patients", 1, {{"20", 20, 20, "count", LT}}},
    {"somewhere in the region of 75 percent", 1,
     {{"75 percent", 75, 75, "percent", AP}}},
    {"nearly $2 billion per year", 1, {{"$2 billion", 2e9, 2e9, "USD", AP}}},
    {"within a decade", 1, {{"a decade", 10, 10, "other", AM}}},
    /* multiples, ratios */
    {"a fivefold increase", 1, {{"fivefold", 5, 5, "ratio", X}}},
    {"twice as many", 1, {{"twice", 2, 2, "ratio", X}}},
    {"a ratio of 3:1 was used", 1, {{"3:1", 3, 3, "ratio", X}}},
    {"one in five adults", 1, {{"one in five", 0.2, 0.2, "ratio", X}}},
    /* physical */
    {"incubated at 37 °C overnight", 1, {{"37 °C", 37, 37, "°C", X}}},
    {"a dose of 5 mg/kg daily", 1, {{"5 mg/kg", 5, 5, "mg/kg", X}}},
    {"walked 2.5 km home", 1, {{"2.5 km", 2.5, 2.5, "km", X}}},
    {"after 12 h of rest", 1, {{"12 h", 12, 12, "other", X}}},
    {"a ten-year, renewable agreement", 1,
     {{"ten-year", 10, 10, "other", X}}},
    {"a twelve-year-old girl", 1, {{"twelve-year-old", 12, 12, "other", X}}},
    /* consecutive values stay apart */
    {"rates of 12% 15% and 20%", 3,
     {{"12%", 12, 12, "percent", X}, {"15%", 15, 15, "percent", X},
      {"20%", 20, 20, "percent", X}}},
    {"to spend 3, rather than 2, percent of GDP", 2,
     {{"3", 3, 3, "percent", X}, {"2, percent", 2, 2, "percent", X}}},
    /* signs */
    {"the index fell -1.6% in May", 1, {{"-1.6%", -1.6, -1.6, "percent", X}}},
    {"a $-50.8bn deficit", 1, {{"$-50.8bn", -50.8e9, -50.8e9, "USD", X}}},
    {"cooled to minus 233 Celsius", 1,
     {{"minus 233 Celsius", -233, -233, "°C", X}}},
    {"from −0.5 to −0.2 V", 1, {{"−0.5 to −0.2 V", -0.5, -0.2, "V", RG}}},
    {"the COVID-19 cases and 10-20 beds", 1,
     {{"10-20", 10, 20, "count", RG}}},
    /* fractions */
    {"a 1/4 inch gap", 1, {{"1/4 inch", 0.25, 0.25, "in", X}}},
    {"add 2 1/4 cups", 1, {{"2 1/4 cups", 2.25, 2.25, "cups", X}}},
    {"about three fifths of it", 1,
     {{"three fifths", 0.6, 0.6, "count", AP}}},
    {"a third of voters", 1, {{"a third", 1.0 / 3, 1.0 / 3, "count", X}}},
    {"a third party", 0, {{NULL, 0, 0, NULL, 0}}},
    {"one-eighth of the land", 1, {{"one-eighth", 0.125, 0.125, "count", X}}},
    {"two and three quarters", 1,
     {{"two and three quarters", 2.75, 2.75, "count", X}}},
    {"one million and a half", 1,
     {{"one million and a half", 1.5e6, 1.5e6, "count", X}}},
    {"half a million people", 1,
     {{"half a million", 5e5, 5e5, "count", X}}},
    /* scales */
    {"value 6.23x10^-4 here", 1, {{"6.23x10^-4", 6.23e-4, 6.23e-4, "count", X}}},
    {"some 4 hundred million", 1,
     {{"4 hundred million", 4e8, 4e8, "count", AP}}},
    {"we sold 3 dozen eggs", 1, {{"3 dozen", 36, 36, "count", X}}},
    {"40k runners", 1, {{"40k", 4e4, 4e4, "count", X}}},
    {"four to five thousand troops", 1,
     {{"four to five thousand", 4000, 5000, "count", RG}}},
    {"US $89 to $93 billion", 1,
     {{"US $89 to $93 billion", 89e9, 93e9, "USD", RG}}},
    /* currencies */
    {"paid 10 us dollar", 1, {{"10 us dollar", 10, 10, "USD", X}}},
    {"HK $216,925 and NZ $99.99", 2,
     {{"HK $216,925", 216925, 216925, "HKD", X},
      {"NZ $99.99", 99.99, 99.99, "NZD", X}}},
    {"cad$ 15 fee", 1, {{"cad$ 15", 15, 15, "CAD", X}}},
    {"usd 20 and 20 usd", 2,
     {{"usd 20", 20, 20, "USD", X}, {"20 usd", 20, 20, "USD", X}}},
    {"100₾ and 100元", 2,
     {{"100₾", 100, 100, "GEL", X}, {"100元", 100, 100, "CNY", X}}},
    {"7.5 million Danish crowns", 1,
     {{"7.5 million Danish crowns", 7.5e6, 7.5e6, "DKK", X}}},
    {"it is 3 dollars 50 cents", 1,
     {{"3 dollars 50 cents", 3.5, 3.5, "USD", X}}},
    {"thirteen dollars and forty-five cents", 1,
     {{"thirteen dollars and forty-five cents", 13.45, 13.45, "USD", X}}},
    {"paid 15 dollars and 15 euros", 2,
     {{"15 dollars", 15, 15, "USD", X}, {"15 euros", 15, 15, "EUR", X}}},
    /* percent spellings */
    {"a 5pc rise", 1, {{"5pc", 5, 5, "percent", X}}},
    {"at 5 pc from here", 1, {{"5", 5, 5, "count", X}}},
    /* ranges and bounds */
    {"from 1000 – 5000", 1, {{"1000 – 5000", 1000, 5000, "count", RG}}},
    {"in 2017 to 45 percent", 1, {{"45 percent", 45, 45, "percent", X}}},
    {"three or four years", 1,
     {{"three or four years", 3, 4, "other", RG}}},
    {"more than 10 and less than 40", 1,
     {{"10 and less than 40", 10, 40, "count", RG}}},
    {"at most 100 and at least 20", 1,
     {{"100 and at least 20", 20, 100, "count", RG}}},
    /* a decimal alone on its line is data, a small integer is a page */
    {"9.2321312\n", 1, {{"9.2321312", 9.2321312, 9.2321312, "count", X}}},
    {"text\n12\nmore", 0, {{NULL, 0, 0, NULL, 0}}},
    /* pence */
    {"shares at 164p and 118.5p", 2,
     {{"164p", 1.64, 1.64, "GBP", X}, {"118.5p", 1.185, 1.185, "GBP", X}}},
    /* labels, formulas, exponents, isotopes */
    {"Tables 1 and 2 show 5 mg", 1, {{"5 mg", 5, 5, "mg", X}}},
    {"at phases 3, 5, 7, and 9, a", 0, {{NULL, 0, 0, NULL, 0}}},
    {"claims 1-3 and claim 1 or 2", 0, {{NULL, 0, 0, NULL, 0}}},
    {"VO 2 max and CO 2 and DyF 3", 0, {{NULL, 0, 0, NULL, 0}}},
    {"a device (ZAN 680, Ober) and OMIM: 608109", 0,
     {{NULL, 0, 0, NULL, 0}}},
    {"the Voyager 1 (1980) probe", 0, {{NULL, 0, 0, NULL, 0}}},
    {"Italy 41, Belgium 24", 2,
     {{"41", 41, 41, "count", X}, {"24", 24, 24, "count", X}}},
    {"in ml kg −1 · min −1 at −5 °C", 1, {{"−5 °C", -5, -5, "°C", X}}},
    {"flux 7.85mWm−2 here", 1, {{"7.85", 7.85, 7.85, "count", X}}},
    {"in 3D and 100Ti, δ13C and the 1H NMR", 0, {{NULL, 0, 0, NULL, 0}}},
    {"orbits at 1AU and 900MVA", 2,
     {{"1", 1, 1, "count", X}, {"900", 900, 900, "count", X}}},
    {"in 5 at most and 3 as well", 2,
     {{"5", 5, 5, "count", X}, {"3", 3, 3, "count", X}}},
    /* scientific and patent text (issue 3, round three) */
    {"nach einem der Anspr\xc3\xbc" "che 1 bis 3 als", 0,
     {{NULL, 0, 0, NULL, 0}}},
    {"selon la revendication 1 ou 2, dans", 0, {{NULL, 0, 0, NULL, 0}}},
    {"Welle nach Anspruch 7 oder 8, wobei", 0, {{NULL, 0, 0, NULL, 0}}},
    {"im Bereich von -30 bis 200\xc2\xb0" "C, bevorzugt", 1,
     {{"-30 bis 200\xc2\xb0" "C", -30, 200, "\xc2\xb0" "C", RG}}},
    {"Specimens No.2 to 4, 6 and 15 are", 0, {{NULL, 0, 0, NULL, 0}}},
    {"a graph andFigure 13 is a view", 0, {{NULL, 0, 0, NULL, 0}}},
    {"NMR \xce\xb4 (ppm):13.59(1H, s), 8.79(2H, d, J= 6.6Hz), "
     "7.01-7.30 (1H, br), 3.28 (2H, m)", 1,
     {{"13.59", 13.59, 13.59, "count", X}}},
    {"ethyl 4-(n-butyl)-4,5-dihydro-7-hydroxy-5-oxothieno[3,2-b]pyridine",
     0, {{NULL, 0, 0, NULL, 0}}},
    {"[J. Chem. Res. (S), 6 (1980); Immunology, 14, 599 (1968)]", 0,
     {{NULL, 0, 0, NULL, 0}}},
    {"Control    5023 \xc2\xb1 38   3    101 \xc2\xb1 76   98.0\n", 0,
     {{NULL, 0, 0, NULL, 0}}},
    {"Tablet   Compound 1   50 mg   Lactose   60 mg\n", 2,
     {{"50 mg", 50, 50, "mg", X}, {"60 mg", 60, 60, "mg", X}}},
    {"the 75 As NMR spectra overlap the 199 La signals and 1 H NMR", 0,
     {{NULL, 0, 0, NULL, 0}}},
    {"the (Pr 75 Dy 25 ) 70 Al 10 Ga 20 alloys and H 2 S gas", 0,
     {{NULL, 0, 0, NULL, 0}}},
    {"score groups {1}, {2}, {3} and {4, 5} with y i \xe2\x88\x88 {0, 1}",
     0, {{NULL, 0, 0, NULL, 0}}},
    {"in the model (3.3) of Sections 3.2 and 4.4 here", 0,
     {{NULL, 0, 0, NULL, 0}}},
    {"mitosis ((1 \xe2\x88\x92 f )\xce\xb2 ) and cos(t \xe2\x88\x92 10)",
     0, {{NULL, 0, 0, NULL, 0}}},
    {"the 1p/19q codeletion", 0, {{NULL, 0, 0, NULL, 0}}},
    {"a price of 164p a share", 1,
     {{"164p", 1.64, 1.64, "GBP", X}}},
    {"1 to 2 hours at 37\xc2\xb0" "C", 2,
     {{"1 to 2 hours", 1, 2, "other", RG},
      {"37\xc2\xb0" "C", 37, 37, "\xc2\xb0" "C", X}}},
    /* vulgar fractions, "a/an <unit>", inch and foot marks, T after a
     * currency, geological time */
    {"a \xe2\x85\x93 cup of sauce and \xc2\xbd tbsp of salt", 2,
     {{"\xe2\x85\x93 cup", 1.0 / 3, 1.0 / 3, "cup", X},
      {"\xc2\xbd tbsp", 0.5, 0.5, "tbsp", X}}},
    {"a 2\xc2\xbd' (150\") field", 2,
     {{"2\xc2\xbd'", 2.5, 2.5, "ft", X}, {"150\"", 150, 150, "in", X}}},
    {"Hubble's wrench 8\" is", 1, {{"8\"", 8, 8, "in", X}}},
    {"The class is \"English 101\". On", 1,
     {{"101", 101, 101, "count", X}}},
    {"the 5\xe2\x80\xb2-phosphate end", 1, {{"5", 5, 5, "count", X}}},
    {"I want a gallon of beer and an hour of rest", 2,
     {{"a gallon", 1, 1, "gallon", X}, {"an hour", 1, 1, "other", X}}},
    {"it costs $3 a gallon", 1, {{"$3", 3, 3, "USD", X}}},
    {"wait a second and a minute", 0, {{NULL, 0, 0, NULL, 0}}},
    {"Its GDP is $2.174T.", 1, {{"$2.174T", 2.174e12, 2.174e12, "USD", X}}},
    {"One gigaannum (1Ga) is", 1, {{"1Ga", 1, 1, "Ga", X}}},
    {"the Zr 0.12 Ga 0.3 B 0.94 Fe alloy", 0, {{NULL, 0, 0, NULL, 0}}},
    {"\xc3\xad\xc2\xbd and \xc2\xbb\xc2\xbd", 0, {{NULL, 0, 0, NULL, 0}}},
    /* powers of ten whose exponent PDF extraction set apart */
    {"\xce\xb2 \xe2\x89\x83 5.76 \xc3\x97 10 \xe2\x88\x92" "4 , and", 1,
     {{"5.76 \xc3\x97 10 \xe2\x88\x92" "4", 5.76e-4, 5.76e-4, "count", X}}},
    {"of the order of 10 \xe2\x88\x92" "7 grains", 1,
     {{"10 \xe2\x88\x92" "7", 1e-7, 1e-7, "count", X}}},
    {"bands of 2.46 \xc3\x97 10 \xe2\x88\x92" "4s here", 1,
     {{"2.46 \xc3\x97 10 \xe2\x88\x92" "4s", 2.46e-4, 2.46e-4, "s", X}}},
    {"in the 10-20 cm layer", 1, {{"10-20 cm", 10, 20, "cm", RG}}},
    /* decimal commas, other groupings */
    {"soit 60,8% des cas", 1, {{"60,8%", 60.8, 60.8, "percent", X}}},
    {"de 0,025% en poids", 1, {{"0,025%", 0.025, 0.025, "percent", X}}},
    {"von 0,001 bis 0,05% Nb", 1,
     {{"0,001 bis 0,05%", 0.001, 0.05, "percent", RG}}},
    {"comprise entre 2,05 et 2,6% en poids", 1,
     {{"2,05 et 2,6%", 2.05, 2.6, "percent", RG}}},
    {"a total of 1.234.567,89 euros", 1,
     {{"1.234.567,89 euros", 1234567.89, 1234567.89, "EUR", X}}},
    {"Rs 12,34,567.89 in all", 1,
     {{"Rs 12,34,567.89", 1234567.89, 1234567.89, "INR", X}}},
    {"cohesion in 2015,34 and later", 0, {{NULL, 0, 0, NULL, 0}}},
    {"see Tables 1,2 and 3 below", 0, {{NULL, 0, 0, NULL, 0}}},
    /* ranges where the word before would make a label or a formula */
    {"athletes in the age group 20 to 29 years", 1,
     {{"20 to 29 years", 20, 29, "other", RG}}},
    {"steel with Ni 3.5 to 5% by weight", 1,
     {{"3.5 to 5%", 3.5, 5, "percent", RG}}},
    {"varying between \xe2\x88\xbc" "3000 and 10000 days", 1,
     {{"3000 and 10000 days", 3000, 10000, "other", RG}}},
    {"annealed at 1323\xe2\x80\x93" "1423 K for", 1,
     {{"1323\xe2\x80\x93" "1423 K", 1323, 1423, "K", RG}}},
    {"the band 10 \xe2\x88\x92 11 MHz", 1,
     {{"10 \xe2\x88\x92 11 MHz", 10, 11, "MHz", RG}}},
    {"from -18 \xc2\xb0" "C to -34 \xc2\xb0" "C at night", 1,
     {{"-18 \xc2\xb0" "C to -34 \xc2\xb0" "C", -34, -18, "\xc2\xb0" "C", RG}}},
    {"decreased $1.2 million to $23.5 million", 2,
     {{"$1.2 million", 1.2e6, 1.2e6, "USD", X},
      {"$23.5 million", 23.5e6, 23.5e6, "USD", X}}},
    /* currencies, scales, signs, powers */
    {"country music \x27 s $ 500 million man", 1,
     {{"$ 500 million", 500e6, 500e6, "USD", X}}},
    {"the prize is u.s $ 100,000,000, do you", 1,
     {{"u.s $ 100,000,000", 1e8, 1e8, "USD", X}}},
    {"10 rmb 20 usd", 2,
     {{"10 rmb", 10, 10, "CNY", X}, {"20 usd", 20, 20, "USD", X}}},
    {"sales of 48.5 MGBP and 120 MEUR", 2,
     {{"48.5 MGBP", 48.5e6, 48.5e6, "GBP", X},
      {"120 MEUR", 120e6, 120e6, "EUR", X}}},
    {"it was 80 USD million", 1,
     {{"80 USD million", 80e6, 80e6, "USD", X}}},
    {"from $350 per kg to $680 per kg", 1,
     {{"$350 per kg to $680 per kg", 350, 680, "USD", RG}}},
    {"values <-30 are cut", 1, {{"-30", -30, -30, "count", LT}}},
    {"greater than 30 and less than or equal to 40", 1,
     {{"30 and less than or equal to 40", 30, 40, "count", RG}}},
    {"about 10^6 cells", 1, {{"10^6", 1e6, 1e6, "count", AP}}},
    {"it is 8x2^10 bits", 1, {{"8x2^10 bits", 8192, 8192, "bits", X}}},
    {"1 k\xce\xa9 load", 1, {{"1 k\xce\xa9", 1, 1, "k\xce\xa9", X}}},
    {"sales rose 60% in 2018 to 3.9 million headsets", 2,
     {{"60%", 60, 60, "percent", X},
      {"3.9 million", 3.9e6, 3.9e6, "count", X}}},
    {"down from the US $89 to $93 billion it had", 1,
     {{"US $89 to $93 billion", 89e9, 93e9, "USD", RG}}},
    {"temperatures dropped by 1 to 1.5 degrees", 1,
     {{"1 to 1.5 degrees", 1, 1.5, "\xc2\xb0", RG}}},
    {"relocation of some 9,000 Marine personnel to Guam", 1,
     {{"9,000", 9000, 9000, "count", AP}}},
    {"One out of three Germans said so", 1,
     {{"One out of three", 1.0 / 3, 1.0 / 3, "count", X}}},
    /* not claims */
    {"relations (US–NATO).28 The next", 0, {{NULL, 0, 0, NULL, 0}}},
    {"to 24 percent.13 Later", 1, {{"24 percent", 24, 24, "percent", X}}},
    {"under Obama.3 Then", 0, {{NULL, 0, 0, NULL, 0}}},
    {"see Article 5 of the treaty", 0, {{NULL, 0, 0, NULL, 0}}},
    {"Vol. 67, No 2, pp. 183-209, para. 14", 0, {{NULL, 0, 0, NULL, 0}}},
    {"ISSN 2610-9603 | ISBN 978-88-9368-067-7", 0, {{NULL, 0, 0, NULL, 0}}},
    {"doi 10.1016/j.x.2019.01.002 and https://ex.org/a/150/149781.pdf", 0,
     {{NULL, 0, 0, NULL, 0}}},
    {"[Access: 25.08.2020] on 2025.08.18", 0, {{NULL, 0, 0, NULL, 0}}},
    {"1. Conditions and beliefs", 0, {{NULL, 0, 0, NULL, 0}}},
    {"call 555-123-4567 now", 0, {{NULL, 0, 0, NULL, 0}}},
    {"the 72nd Session and the 1990s", 0, {{NULL, 0, 0, NULL, 0}}},
    {"the U.S.-Japan “2+2” meetings", 0, {{NULL, 0, 0, NULL, 0}}},
    {"the Three Non-Nuclear Principles", 0, {{NULL, 0, 0, NULL, 0}}},
    {"Anderson Cooper 360 Degrees", 0, {{NULL, 0, 0, NULL, 0}}},
    {"There are three major reasons why", 0, {{NULL, 0, 0, NULL, 0}}},
    {"The rationale is \nthreefold.", 0, {{NULL, 0, 0, NULL, 0}}},
    {"over the past four \nyears put together", 0, {{NULL, 0, 0, NULL, 0}}},
    {"between these two countries", 0, {{NULL, 0, 0, NULL, 0}}},
    {"on 27 March 2017 in Rome", 0, {{NULL, 0, 0, NULL, 0}}},
    {"Yukio Hatoyama (2009–\n10) and", 0, {{NULL, 0, 0, NULL, 0}}},
    {"©\n 2\n\n0\n18 \n", 0, {{NULL, 0, 0, NULL, 0}}},
    {"at 10:30 am", 0, {{NULL, 0, 0, NULL, 0}}},
};

static int count_figures(const ev_quantity_vec *v)
{
    size_t i;
    int n = 0;
    for (i = 0; i < v->n; i++)
        n += !v->v[i].is_year;
    return n;
}

/* Scans c->text and checks every non-year figure against c->w. */
static void check_case(const ncase *c)
{
    ev_quantity_vec v = {NULL, 0, 0};
    size_t i;
    int k = 0;
    ck_assert_int_eq(ev_numbers_scan(ex, c->text, strlen(c->text), NULL, 0,
                                     &v), 0);
    ck_assert_msg(count_figures(&v) == c->n, "'%s': %d figures, want %d",
                  c->text, count_figures(&v), c->n);
    for (i = 0; i < v.n; i++) {
        const ev_quantity *q = &v.v[i];
        const want *w;
        if (q->is_year)
            continue;
        w = &c->w[k++];
        ck_assert_msg(q->end - q->start == strlen(w->surface) &&
                          memcmp(c->text + q->start, w->surface,
                                 strlen(w->surface)) == 0,
                      "'%s': surface '%.*s', want '%s'", c->text,
                      (int)(q->end - q->start), c->text + q->start,
                      w->surface);
        ck_assert_msg(fabs(q->lo - w->lo) <= 1e-9 * fmax(1, fabs(w->lo)) &&
                          fabs(q->hi - w->hi) <= 1e-9 * fmax(1, fabs(w->hi)),
                      "'%s': value %.12g..%.12g, want %.12g..%.12g",
                      c->text, q->lo, q->hi, w->lo, w->hi);
        ck_assert_msg(strcmp(q->unit, w->unit) == 0, "'%s': unit %s, want %s",
                      c->text, q->unit, w->unit);
        ck_assert_msg(q->qualifier == w->qual, "'%s': qualifier %s, want %s",
                      c->text, ev_qualifier_name(q->qualifier),
                      ev_qualifier_name(w->qual));
    }
    free(v.v);
}

START_TEST(test_table)
{
    check_case(&CASES[_i]);
}
END_TEST

START_TEST(test_flags)
{
    ev_quantity_vec v = {NULL, 0, 0};
    const char *s = "sales decreased $1.2 million to $23.5 million";
    const char *y = "in 2017 the 1960 treaty";
    ck_assert_int_eq(ev_numbers_scan(ex, s, strlen(s), NULL, 0, &v), 0);
    ck_assert_int_eq((int)v.n, 2);
    ck_assert(v.v[0].flags & EV_QF_CHANGE);
    ck_assert(v.v[1].flags & EV_QF_CHANGE);
    v.n = 0;
    ck_assert_int_eq(ev_numbers_scan(ex, y, strlen(y), NULL, 0, &v), 0);
    ck_assert_int_eq(count_figures(&v), 0);
    free(v.v);
}
END_TEST

START_TEST(test_skip_spans)
{
    ev_quantity_vec v = {NULL, 0, 0};
    const char *s = "paid 86 percent [12] of it";
    const size_t sk[1][2] = {{16, 20}};
    ck_assert_int_eq(ev_numbers_scan(ex, s, strlen(s), sk, 1, &v), 0);
    ck_assert_int_eq(count_figures(&v), 1);
    ck_assert_double_eq(v.v[0].lo, 86);
    free(v.v);
}
END_TEST

START_TEST(test_figure_parse)
{
    static const struct {
        const char *in;
        double lo, hi;
        const char *unit, *words;
    } F[] = {{"74.5%", 74.5, 74.5, "percent", ""},
             {"54,000 troops", 54000, 54000, "count", "troops"},
             {"$2 billion", 2e9, 2e9, "USD", ""},
             {"2 billion dollars", 2e9, 2e9, "USD", ""},
             {"40-50%", 40, 50, "percent", ""},
             {"fifty-four thousand", 54000, 54000, "count", ""},
             {"86%", 86, 86, "percent", ""},
             /* a plain number typed alone is a bare count, also where
              * running text would take it for a list number or a year */
             {"12", 12, 12, "count", ""},
             {" 2012 ", 2012, 2012, "count", ""},
             {"1,000", 1000, 1000, "count", ""},
             {"-3.5", -3.5, -3.5, "count", ""}};
    size_t i;
    for (i = 0; i < sizeof(F) / sizeof(F[0]); i++) {
        ev_quantity q;
        ev_buf w = EV_BUF_INIT;
        ev_err err;
        ck_assert_int_eq(ev_figure_parse(ex, F[i].in, strlen(F[i].in), &q,
                                         &w, &err), 0);
        ck_assert_msg(q.lo == F[i].lo && q.hi == F[i].hi, "%s: %g..%g",
                      F[i].in, q.lo, q.hi);
        ck_assert_str_eq(q.unit, F[i].unit);
        ck_assert_str_eq(w.ptr ? w.ptr : "", F[i].words);
        ev_buf_release(&w);
    }
    {
        ev_quantity q;
        ev_err err;
        static const char *const BAD[] = {"troops", "1.2.3",
                                          "-", ".", "+"};
        size_t k;
        for (k = 0; k < sizeof(BAD) / sizeof(BAD[0]); k++)
            ck_assert_msg(ev_figure_parse(ex, BAD[k], strlen(BAD[k]), &q,
                                          NULL, &err) == EV_EINVALID,
                          "'%s' parsed", BAD[k]);
    }
}
END_TEST

START_TEST(test_malformed)
{
    ev_quantity_vec v = {NULL, 0, 0};
    size_t n = 1 << 20, i;
    char *big = malloc(n);
    ev_buf rep = EV_BUF_INIT;
    static const char bad[] = "cost \xff\xfe$5\xc3 million \xe2\x82 and 7%";
    ck_assert_ptr_nonnull(big);
    ck_assert_int_eq(ev_numbers_scan(ex, "", 0, NULL, 0, &v), 0);
    ck_assert_int_eq((int)v.n, 0);
    for (i = 0; i < n; i++)
        big[i] = (char)('0' + i % 10);
    /* (a hang or a quadratic walk shows as the suite's CTest timeout) */
    ck_assert_int_eq(ev_numbers_scan(ex, big, n, NULL, 0, &v), 0);
    for (i = 0; i < n; i++)
        big[i] = (i % 7 == 6) ? ' ' : (char)('1' + i % 9);
    v.n = 0;
    ck_assert_int_eq(ev_numbers_scan(ex, big, n, NULL, 0, &v), 0);
    for (i = 0; i < n; i++)
        big[i] = (i % 4 == 3) ? ',' : (char)('1' + i % 9);
    v.n = 0;
    ck_assert_int_eq(ev_numbers_scan(ex, big, n, NULL, 0, &v), 0);
    ck_assert(ev_utf8_repair(bad, sizeof(bad) - 1, &rep) > 0);
    v.n = 0;
    ck_assert_int_eq(ev_numbers_scan(ex, rep.ptr, rep.len, NULL, 0, &v), 0);
    ck_assert_int_eq(count_figures(&v), 2);
    /* past a double's range: no figure (0e2222 is 0 x inf), never a NaN
     * or an infinity */
    {
        static const char huge[] =
            "it was -0e2222 or 5e999, or a trillion trillion trillion "
            "trillion trillion trillion trillion trillion trillion trillion "
            "trillion trillion trillion trillion trillion trillion trillion "
            "trillion trillion trillion trillion trillion trillion trillion "
            "trillion trillion trillion dollars";
        v.n = 0;
        ck_assert_int_eq(ev_numbers_scan(ex, huge, sizeof(huge) - 1, NULL, 0,
                                         &v), 0);
        for (i = 0; i < v.n; i++)
            ck_assert(isfinite(v.v[i].lo) && isfinite(v.v[i].hi));
        for (i = 0; i < v.n; i++)
            ck_assert_msg(v.v[i].start > 20, "figure at %zu", v.v[i].start);
    }
    ev_buf_release(&rep);
    free(big);
    free(v.v);
}
END_TEST

/* Word-number grammar: compound ordinals, where a run of number words
 * splits between numerator and denominator, whole and fraction, spoken
 * decimals, ratios, digits mixed with scale words, and the prose that
 * must stay apart. */
static const ncase WORD_CASES[] = {
    {"three twenty-firsts of the seats", 1,
     {{"three twenty-firsts", 3.0 / 21, 3.0 / 21, "count", X}}},
    {"about a twenty-first of it", 1,
     {{"a twenty-first", 1.0 / 21, 1.0 / 21, "count", AP}}},
    {"one thirty-second", 1,
     {{"one thirty-second", 1.0 / 32, 1.0 / 32, "count", X}}},
    {"one one hundred fifth", 1,
     {{"one one hundred fifth", 1.0 / 105, 1.0 / 105, "count", X}}},
    {"one hundred one thousand fifths", 1,
     {{"one hundred one thousand fifths", 100.0 / 1005, 100.0 / 1005,
       "count", X}}},
    {"twenty twenty fifths", 1,
     {{"twenty twenty fifths", 0.8, 0.8, "count", X}}},
    {"a hundred thousand trillionths", 1,
     {{"a hundred thousand trillionths", 1e-7, 1e-7, "count", X}}},
    {"one hundred and thirty fifths", 1,
     {{"one hundred and thirty fifths", 26, 26, "count", X}}},
    {"it is minus one hundred thirty fifths", 1,
     {{"minus one hundred thirty fifths", -100.0 / 35, -100.0 / 35,
       "count", X}}},
    {"how much is ninety - five hundred fifths?", 1,
     {{"ninety - five hundred fifths", 1900, 1900, "count", X}}},
    {"one - fourth", 1, {{"one - fourth", 0.25, 0.25, "count", X}}},
    {"two hundred and fifty-four hundredths", 1,
     {{"two hundred and fifty-four hundredths", 200.54, 200.54, "count",
       X}}},
    {"twenty and three and three fifths", 1,
     {{"twenty and three and three fifths", 23.6, 23.6, "count", X}}},
    {"The number is five billion and three quarters", 1,
     {{"five billion and three quarters", 5.75e9, 5.75e9, "count", X}}},
    {"Last value was one billion and a quarter million", 1,
     {{"one billion and a quarter million", 1000250000, 1000250000,
       "count", X}}},
    {"five and a half million fishes", 1,
     {{"five and a half million", 5.5e6, 5.5e6, "count", X}}},
    {"two thirds of a million", 1,
     {{"two thirds of a million", 2e6 / 3, 2e6 / 3, "count", X}}},
    {"three hundred and two dozens", 1,
     {{"three hundred and two dozens", 324, 324, "count", X}}},
    {"two hundred point seventy-one", 1,
     {{"two hundred point seventy-one", 200.71, 200.71, "count", X}}},
    {"nought point nought three", 1,
     {{"nought point nought three", 0.03, 0.03, "count", X}}},
    {"one over twenty", 1, {{"one over twenty", 0.05, 0.05, "count", X}}},
    {"The answer is negative one over 20", 1,
     {{"negative one over 20", -0.05, -0.05, "count", X}}},
    {"1 over three", 1, {{"1 over three", 1.0 / 3, 1.0 / 3, "count", X}}},
    {"two out of five hundred tvs", 1,
     {{"two out of five hundred", 0.004, 0.004, "count", X}}},
    {"4 thousand 3 hundred and 21", 1,
     {{"4 thousand 3 hundred and 21", 4321, 4321, "count", X}}},
    {"They have 3 million and a quarter", 1,
     {{"3 million and a quarter", 3.25e6, 3.25e6, "count", X}}},
    {"6 crore and two hundred", 1,
     {{"6 crore and two hundred", 60000200, 60000200, "count", X}}},
    {"three million, two hundred & forty", 1,
     {{"three million, two hundred & forty", 3000240, 3000240, "count",
       X}}},
    {"fifty - two", 1, {{"fifty - two", 52, 52, "count", X}}},
    /* what stays apart */
    {"two million and three million", 2,
     {{"two million", 2e6, 2e6, "count", X},
      {"three million", 3e6, 3e6, "count", X}}},
    {"4 thousand 3 hundred and 0", 2,
     {{"4 thousand 3 hundred", 4300, 4300, "count", X},
      {"0", 0, 0, "count", X}}},
    {"rows 1 million    480", 2,
     {{"1 million", 1e6, 1e6, "count", X}, {"480", 480, 480, "count", X}}},
    {"Five out of 25 \xc2\xb5l was diluted", 2,
     {{"Five", 5, 5, "count", X},
      {"25 \xc2\xb5l", 25, 25, "\xc2\xb5l", X}}},
    {"he won one over twenty years", 1,
     {{"twenty years", 20, 20, "other", MT}}},
    {"the twenty-first century", 0, {{NULL, 0, 0, NULL, 0}}},
    {"the one hundred fifth anniversary", 0, {{NULL, 0, 0, NULL, 0}}},
    {"version two and a previous version", 0, {{NULL, 0, 0, NULL, 0}}},
    {"the three fourth graders", 1, {{"three", 3, 3, "count", X}}},
    {"it was all for naught", 0, {{NULL, 0, 0, NULL, 0}}},
    {"naught point five", 1,
     {{"naught point five", 0.5, 0.5, "count", X}}},
};

START_TEST(test_word_grammar)
{
    check_case(&WORD_CASES[_i]);
}
END_TEST

Suite *numbers_suite(void)
{
    Suite *s = suite_create("numbers");
    TCase *tc = tcase_create("scan");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, test_table, 0,
                        (int)(sizeof(CASES) / sizeof(CASES[0])));
    tcase_add_test(tc, test_flags);
    tcase_add_test(tc, test_skip_spans);
    suite_add_tcase(s, tc);
    tc = tcase_create("figure");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_figure_parse);
    suite_add_tcase(s, tc);
    tc = tcase_create("word_grammar");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, test_word_grammar, 0,
                        (int)(sizeof(WORD_CASES) / sizeof(WORD_CASES[0])));
    suite_add_tcase(s, tc);
    tc = tcase_create("malformed");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_malformed);
    suite_add_tcase(s, tc);
    return s;
}

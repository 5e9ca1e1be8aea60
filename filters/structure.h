/* Private to the structure stage: the language data it recognises UN
 * document parts by (filters/structure_data.c). Everything here is data,
 * so adding a language or a lead word never touches filters/structure.c.
 *
 * Phrases are compared after ICU case folding, with U+2019 read as an
 * apostrophe; Latin, Cyrillic and Arabic phrases must end at a word
 * boundary, Chinese ones need not. */
#ifndef HX_FILTERS_STRUCTURE_H
#define HX_FILTERS_STRUCTURE_H

#include <stddef.h>

/* One lead word of resolution paragraphs: a language-independent class
 * (recorded in node->lead) and, per language, its printed forms separated
 * by '|' (preambular and operative forms alike: "Recalling|Recalls"). */
struct hx_lead {
    const char *cls;
    const char *zh, *en, *fr, *es, *ru, *ar;
};

/* Lead words, ending with { NULL }. */
extern const struct hx_lead hx_leads[];

/* Lists of '|'-separated phrases covering all six languages. */
extern const char hx_formulas[];     /* "大会|The General Assembly|…" */
extern const char hx_formula_pre[];  /* Arabic "إن |فإن " before a formula */
extern const char hx_transitions[];  /* "Now, therefore|…" */
extern const char hx_annex_words[];  /* "附件|Annex|Annexe|…" */
extern const char hx_preamble_words[];
extern const char hx_article_words[]; /* before the number: "Article|Статья|…" */
extern const char hx_article_first[]; /* "Article premier|Artículo primero" */
extern const char hx_known_heads[];  /* unnumbered headings: "一般性讨论|…" */
extern const char hx_session_words[];
extern const char hx_agenda_words[];
extern const char hx_rapporteur_words[];
extern const char hx_report_of[];    /* "Report of the|Rapport de la|…" */
extern const char hx_report_of_zh[]; /* suffix form: "的报告" */

#endif

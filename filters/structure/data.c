/* Language data of the structure stage (see filters/structure/structure.h). The
 * lead-word classes follow the UN editorial manuals' standard openings of
 * preambular and operative paragraphs; the same class in two languages
 * means the translators' usual equivalent, which is what alignment relies
 * on. Longer forms ("又回顾") are found before shorter ones ("回顾")
 * because the matcher keeps the longest match, not the first. */
#include "structure.h"

const struct hx_lead hx_leads[] = {
    {"recall", "回顾|回顾了", "Recalling|Recalls", "Rappelant|Rappelle", "Recordando|Recuerda",
     "Ссылаясь|Напоминая|Ссылается|Напоминает",
     "إذ تشير|وإذ تشير|تشير|إذ تستذكر|وإذ تستذكر|تستذكر"},
    {"recall.also", "又回顾", "Recalling also|Also recalls|Recalls also",
     "Rappelant également|Rappelant aussi|Rappelle également|Rappelle aussi",
     "Recordando también|Recuerda también|Recordando asimismo",
     "Ссылаясь также|Напоминая также|Ссылается также|Напоминает также",
     "وإذ تشير أيضا|تشير أيضا|وإذ تستذكر أيضا"},
    {"recall.further", "还回顾", "Further recalling|Further recalls",
     "Rappelant en outre|Rappelle en outre", "Recordando además|Recuerda además",
     "Ссылаясь далее|Напоминая далее|Ссылаясь далее также",
     "وإذ تشير كذلك|تشير كذلك|وإذ تستذكر كذلك"},
    {"reaffirm", "重申", "Reaffirming|Reaffirms", "Réaffirmant|Réaffirme", "Reafirmando|Reafirma",
     "Вновь подтверждая|Вновь подтверждает",
     "إذ تعيد تأكيد|وإذ تعيد تأكيد|تعيد تأكيد|إذ تؤكد من جديد|تؤكد من جديد"},
    {"reaffirm.also", "又重申", "Reaffirming also|Also reaffirms|Reaffirms also",
     "Réaffirmant également|Réaffirme également|Réaffirmant aussi",
     "Reafirmando también|Reafirma también", "Вновь подтверждая также|Вновь подтверждает также",
     "وإذ تعيد أيضا تأكيد|تعيد أيضا تأكيد"},
    {"reaffirm.further", "还重申", "Further reaffirming|Further reaffirms",
     "Réaffirmant en outre|Réaffirme en outre", "Reafirmando además|Reafirma además",
     "Вновь подтверждая далее", "وإذ تعيد كذلك تأكيد"},
    {"recognize", "确认", "Recognizing|Recognizes|Acknowledging|Acknowledges",
     "Reconnaissant|Reconnaît|Constatant|Constate", "Reconociendo|Reconoce", "Признавая|Признает",
     "إذ تسلم|وإذ تسلم|تسلم|إذ تقر|وإذ تقر|تقر"},
    {"recognize.also", "又确认",
     "Recognizing also|Also recognizes|Recognizes also|Acknowledging also",
     "Reconnaissant également|Reconnaît également|Reconnaissant aussi",
     "Reconociendo también|Reconoce también", "Признавая также|Признает также",
     "وإذ تسلم أيضا|تسلم أيضا|تقر أيضا"},
    {"recognize.further", "还确认", "Further recognizing|Further recognizes",
     "Reconnaissant en outre|Reconnaît en outre", "Reconociendo además|Reconoce además",
     "Признавая далее|Признает далее", "وإذ تسلم كذلك|تسلم كذلك"},
    {"note", "注意到", "Noting|Notes", "Notant|Note|Prenant note|Constatant",
     "Observando|Observa|Tomando nota|Toma nota", "Отмечая|Отмечает", "إذ تلاحظ|وإذ تلاحظ|تلاحظ"},
    {"note.also", "又注意到", "Noting also|Also notes|Notes also",
     "Notant également|Note également|Notant aussi|Note aussi",
     "Observando también|Observa también|Observa asimismo", "Отмечая также|Отмечает также",
     "وإذ تلاحظ أيضا|تلاحظ أيضا"},
    {"note.further", "还注意到", "Further noting|Further notes", "Notant en outre|Note en outre",
     "Observando además|Observa además", "Отмечая далее|Отмечает далее",
     "وإذ تلاحظ كذلك|تلاحظ كذلك"},
    {"note", "表示注意到", "Taking note|Takes note", "Prenant acte|Prend acte|Prend note",
     "Tomando conocimiento|Toma conocimiento", "Принимая к сведению|Принимает к сведению",
     "إذ تحيط علما|وإذ تحيط علما|تحيط علما"},
    {"note.also", "又表示注意到|还表示注意到", "Taking note also|Also takes note|Takes note also",
     "Prenant acte également|Prend acte également|Prend également acte",
     "Tomando conocimiento también|Toma conocimiento también",
     "Принимая также к сведению|Принимает также к сведению", "وإذ تحيط علما أيضا|تحيط علما أيضا"},
    {"note.concern.deep", "非常关切地注意到|深为关切地注意到",
     "Noting with deep concern|Notes with deep concern",
     "Notant avec une profonde préoccupation|Note avec une profonde préoccupation",
     "Observando con profunda preocupación|Observa con profunda preocupación",
     "Отмечая с глубокой обеспокоенностью|Отмечает с глубокой обеспокоенностью",
     "وإذ تلاحظ مع بالغ القلق|تلاحظ مع بالغ القلق"},
    {"note.concern.great", "极为关切地注意到", "Noting with great concern|Notes with great concern",
     "Notant avec une grande préoccupation|Note avec une grande préoccupation",
     "Observando con gran preocupación|Observa con gran preocupación",
     "Отмечая с большой обеспокоенностью|Отмечает с большой обеспокоенностью",
     "وإذ تلاحظ مع شديد القلق|تلاحظ مع شديد القلق"},
    {"note.concern.grave", "严重关切地注意到", "Noting with grave concern|Notes with grave concern",
     "Notant avec une vive préoccupation|Note avec une vive préoccupation",
     "Observando con grave preocupación|Observa con grave preocupación",
     "Отмечая с серьезной обеспокоенностью|Отмечает с серьезной обеспокоенностью",
     "وإذ تلاحظ مع القلق البالغ|تلاحظ مع القلق البالغ"},
    {"concern", "关切|表示关切|深表关切|深为关切|严重关切|表示严重关切|深感关切",
     "Concerned|Deeply concerned|Gravely concerned|Seriously concerned|"
     "Expressing concern|Expresses concern|Expressing deep concern|"
     "Expresses deep concern|Expressing grave concern|Expresses grave concern|"
     "Expressing its concern|Expresses its concern|"
     "Expressing its deep concern|Expresses its deep concern",
     "Préoccupée|Profondément préoccupée|Gravement préoccupée|"
     "Se déclarant préoccupée|Se déclare préoccupée|"
     "Se déclarant profondément préoccupée|Se déclare profondément préoccupée|"
     "Exprimant sa préoccupation|Exprime sa préoccupation|"
     "Exprimant sa profonde préoccupation|Exprime sa profonde préoccupation",
     "Preocupada|Profundamente preocupada|Gravemente preocupada|"
     "Expresando preocupación|Expresa preocupación|"
     "Expresando profunda preocupación|Expresa profunda preocupación|"
     "Expresando su preocupación|Expresa su preocupación|"
     "Expresando su profunda preocupación|Expresa su profunda preocupación",
     "Будучи обеспокоена|Будучи глубоко обеспокоена|"
     "Будучи серьезно обеспокоена|Выражая обеспокоенность|"
     "Выражает обеспокоенность|Выражая глубокую обеспокоенность|"
     "Выражает глубокую обеспокоенность|Выражая серьезную обеспокоенность|"
     "Выражает серьезную обеспокоенность|Выражая озабоченность|"
     "Выражает озабоченность",
     "إذ يساورها القلق|يساورها القلق|إذ يساورها بالغ القلق|"
     "يساورها بالغ القلق|إذ تعرب عن القلق|تعرب عن القلق|تعرب عن قلقها|"
     "تعرب عن بالغ القلق|تعرب عن بالغ قلقها"},
    {"note.appreciation", "赞赏地注意到|满意地注意到",
     "Noting with appreciation|Notes with appreciation|"
     "Noting with satisfaction|Notes with satisfaction",
     "Notant avec satisfaction|Note avec satisfaction|"
     "Notant avec appréciation|Note avec appréciation|"
     "Constatant avec satisfaction|Constate avec satisfaction",
     "Observando con aprecio|Observa con aprecio|"
     "Observando con satisfacción|Observa con satisfacción",
     "Отмечая с удовлетворением|Отмечает с удовлетворением|"
     "Отмечая с признательностью|Отмечает с признательностью|"
     "С удовлетворением отмечая|С удовлетворением отмечает|"
     "С признательностью отмечая|С признательностью отмечает",
     "إذ تلاحظ مع التقدير|تلاحظ مع التقدير|إذ تلاحظ مع الارتياح|"
     "تلاحظ مع الارتياح"},
    {"note.concern", "关切地注意到", "Noting with concern|Notes with concern",
     "Notant avec préoccupation|Note avec préoccupation|"
     "Constatant avec préoccupation|Constate avec préoccupation",
     "Observando con preocupación|Observa con preocupación",
     "Отмечая с обеспокоенностью|Отмечает с обеспокоенностью|"
     "С обеспокоенностью отмечая|С обеспокоенностью отмечает|"
     "Отмечая с озабоченностью|Отмечает с озабоченностью",
     "إذ تلاحظ مع القلق|تلاحظ مع القلق"},
    {"note.appreciation", "赞赏地表示注意到",
     "Taking note with appreciation|Takes note with appreciation",
     "Prenant note avec satisfaction|Prend note avec satisfaction|"
     "Prenant acte avec satisfaction|Prend acte avec satisfaction",
     "Tomando nota con aprecio|Toma nota con aprecio|"
     "Tomando conocimiento con aprecio|Toma conocimiento con aprecio",
     "Принимая к сведению с удовлетворением|"
     "Принимает к сведению с удовлетворением|"
     "С удовлетворением принимая к сведению|"
     "С удовлетворением принимает к сведению",
     "إذ تحيط علما مع التقدير|تحيط علما مع التقدير"},
    {"appreciate", "表示赞赏|赞赏|感谢",
     "Expressing its appreciation|Expresses its appreciation|"
     "Expressing appreciation|Expresses appreciation|"
     "Expressing its gratitude|Expresses its gratitude",
     "Exprimant sa gratitude|Exprime sa gratitude|"
     "Exprimant sa reconnaissance|Exprime sa reconnaissance|"
     "Exprimant sa satisfaction|Exprime sa satisfaction|Remercie",
     "Expresando su reconocimiento|Expresa su reconocimiento|"
     "Expresando su agradecimiento|Expresa su agradecimiento|"
     "Expresando su aprecio|Expresa su aprecio",
     "Выражая признательность|Выражает признательность|"
     "Выражая свою признательность|Выражает свою признательность|"
     "Выражая благодарность|Выражает благодарность",
     "إذ تعرب عن تقديرها|تعرب عن تقديرها|تعرب عن امتنانها"},
    {"convinced", "深信|确信", "Convinced|Deeply convinced|Firmly convinced",
     "Convaincue|Profondément convaincue|Fermement convaincue",
     "Convencida|Profundamente convencida|Firmemente convencida",
     "Будучи убеждена|Будучи глубоко убеждена|Будучи твердо убеждена",
     "اقتناعا منها|إذ هي مقتنعة|إذ تعرب عن اقتناعها"},
    {"determined", "决心", "Determined|Resolved", "Résolue|Déterminée", "Decidida|Resuelta",
     "Будучи преисполнена решимости|Преисполненная решимости|"
     "Будучи исполнена решимости",
     "تصميما منها|إذ عقدت العزم|وقد عقدت العزم"},
    {"guided", "遵循", "Guided by", "Guidée par", "Guiada por", "Руководствуясь",
     "إذ تسترشد|تسترشد"},
    {"condemn", "谴责|强烈谴责", "Condemning|Condemns|Strongly condemns",
     "Condamnant|Condamne|Condamne énergiquement", "Condenando|Condena|Condena enérgicamente",
     "Осуждая|Осуждает|Решительно осуждает", "إذ تدين|تدين|تدين بشدة"},
    {"deplore", "痛惜|深感遗憾", "Deploring|Deplores", "Déplorant|Déplore", "Deplorando|Deplora",
     "Выражая сожаление|Выражает сожаление", "إذ تشجب|تشجب|تأسف"},
    {"stress", "强调指出|强调", "Stressing|Stresses|Emphasizing|Emphasizes|Underlining|Underlines",
     "Soulignant|Souligne|Insistant|Insiste",
     "Destacando|Destaca|Subrayando|Subraya|Poniendo de relieve|Pone de relieve",
     "Подчеркивая|Подчеркивает", "إذ تشدد|وإذ تشدد|تشدد|إذ تؤكد|وإذ تؤكد|تؤكد"},
    {"stress.also", "又强调指出|又强调",
     "Stressing also|Also stresses|Stresses also|Emphasizing also|Also emphasizes",
     "Soulignant également|Souligne également|Soulignant aussi",
     "Destacando también|Destaca también|Subrayando también|Subraya también",
     "Подчеркивая также|Подчеркивает также", "وإذ تشدد أيضا|تشدد أيضا|تؤكد أيضا"},
    {"stress.further", "还强调指出|还强调",
     "Further stressing|Further stresses|Further emphasizing|Further emphasizes",
     "Soulignant en outre|Souligne en outre", "Destacando además|Destaca además",
     "Подчеркивая далее|Подчеркивает далее", "وإذ تشدد كذلك|تشدد كذلك"},
    {"aware", "意识到|认识到|知悉",
     "Conscious|Aware|Mindful|Realizing|Realizes|Cognizant|Is cognizant|"
     "Being cognizant",
     "Consciente|Sachant|Est consciente", "Consciente|Es consciente", "Сознавая|Памятуя|Сознает",
     "وإذ تدرك|إذ تدرك|تدرك|وإذ تعي|إذ تعي|تدرك تماما"},
    {"bearinmind", "铭记|考虑到", "Bearing in mind|Taking into account|Taking into consideration",
     "Ayant à l'esprit|Gardant à l'esprit|Tenant compte|Prenant en considération",
     "Teniendo presente|Teniendo en cuenta", "Учитывая",
     "وإذ تضع في اعتبارها|إذ تضع في اعتبارها|وإذ تأخذ في الاعتبار|إذ تأخذ في الاعتبار"},
    {"welcome", "欢迎", "Welcoming|Welcomes",
     "Se félicitant|Se félicite|Accueillant avec satisfaction|"
     "Accueille avec satisfaction|Accueillant favorablement|Accueille favorablement",
     "Acogiendo con beneplácito|Acoge con beneplácito|Acogiendo con satisfacción|"
     "Acoge con satisfacción|Celebrando|Celebra",
     "Приветствуя|Приветствует", "إذ ترحب|وإذ ترحب|ترحب"},
    {"welcome.also", "又欢迎", "Welcoming also|Also welcomes|Welcomes also",
     "Se félicitant également|Se félicite également",
     "Acogiendo también con beneplácito|Acoge también con beneplácito",
     "Приветствуя также|Приветствует также", "وإذ ترحب أيضا|ترحب أيضا"},
    {"encourage", "鼓励", "Encouraging|Encourages", "Encourageant|Encourage", "Alentando|Alienta",
     "Рекомендуя|Рекомендует|Побуждая|Побуждает|Поощряя|Поощряет", "إذ تشجع|وإذ تشجع|تشجع"},
    {"urge", "敦促", "Urging|Urges", "Priant instamment|Prie instamment|Exhorte", "Instando|Insta",
     "Настоятельно призывая|Настоятельно призывает", "إذ تحث|وإذ تحث|تحث"},
    {"lookforward", "期待", "Looking forward|Looks forward", "Attend avec intérêt",
     "Espera con interés|Aguarda con interés", "Ожидает|С нетерпением ожидает", "تتطلع"},
    {"callupon", "促请|吁请", "Calling upon|Calls upon|Calls on|Calling on",
     "Demandant|Demande|Engageant|Engage", "Exhortando|Exhorta|Pidiendo|Pide", "Призывая|Призывает",
     "إذ تهيب|وإذ تهيب|تهيب"},
    {"invite", "邀请", "Inviting|Invites", "Invitant|Invite", "Invitando|Invita",
     "Предлагая|Предлагает", "إذ تدعو|وإذ تدعو|تدعو"},
    {"request", "请", "Requesting|Requests", "Priant|Prie", "Solicitando|Solicita|Pide", "Просит",
     "تطلب"},
    {"decide", "决定", "Deciding|Decides", "Décidant|Décide", "Decidiendo|Decide",
     "Постановляя|Постановляет|Решает", "تقرر"},
    {"decide.also", "又决定", "Also decides|Decides also", "Décide également|Décide aussi",
     "Decide también|Decide asimismo", "Постановляет также|Решает также", "تقرر أيضا"},
    {"decide.further", "还决定", "Further decides", "Décide en outre", "Decide además",
     "Постановляет далее|Постановляет далее также", "تقرر كذلك"},
    {"whereas", "鉴于", "Whereas|Considering", "Considérant", "Considerando",
     "Принимая во внимание|Считая",
     "لمّا كان|ولمّا كان|لما كان|ولما كان|لمّا كانت|ولمّا كانت|لما كانت|ولما كانت"},
    {"proclaim", "发布", "Proclaims", "Proclame", "Proclama", "Провозглашает", "تنادي"},
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL},
};

const char hx_formulas[] =
    "大会|The General Assembly|L'Assemblée générale|La Asamblea General|"
    "Генеральная Ассамблея|الجمعية العامة|"
    "经济及社会理事会|The Economic and Social Council|"
    "Le Conseil économique et social|El Consejo Económico y Social|"
    "Экономический и Социальный Совет|المجلس الاقتصادي والاجتماعي|"
    "安全理事会|The Security Council|Le Conseil de sécurité|"
    "El Consejo de Seguridad|Совет Безопасности|مجلس الأمن|"
    "人权理事会|The Human Rights Council|Le Conseil des droits de l'homme|"
    "El Consejo de Derechos Humanos|Совет по правам человека|مجلس حقوق الإنسان";

const char hx_formula_pre[] = "فإن |إن ";

const char hx_transitions[] = "Now, therefore|Ahora, por tanto|Maintenant, par conséquent|"
                              "因此现在|因此|Поэтому|ولذلك";

const char hx_annex_words[] = "附件|Annex|Annexe|Anexo|Приложение|المرفق|مرفق";

const char hx_preamble_words[] = "序言|Preamble|Préambule|Preámbulo|Преамбула|الديباجة";

const char hx_article_words[] = "Article|Artículo|Статья|المادة";

const char hx_article_first[] = "Article premier|Artículo primero";

const char hx_known_heads[] =
    "一般性讨论|General discussion|Débat général|Debate general|"
    "Общие прения|المناقشة العامة|"
    "决议草案|Draft resolution|Projet de résolution|Proyecto de resolución|"
    "Проект резолюции|مشروع القرار";

const char hx_session_words[] = "届会议|session|período de sesiones|сессия|الدورة";

const char hx_agenda_words[] =
    "议程项目|Agenda item|provisional agenda|of the agenda|de l'ordre du jour|del programa|"
    "повестки дня|"
    "جدول الأعمال";

const char hx_rapporteur_words[] =
    "报告员|Rapporteur|Rapporteuse|Relator|Relatora|Докладчик|Докладчица|"
    "المقرر|المقررة";

const char hx_report_of[] = "Report of the|Rapport de la|Rapport du|Informe de la|Informe del|"
                            "Доклад|تقرير";

const char hx_report_of_zh[] = "的报告";

/* Masthead lines other than the ones above. Versions other than English
 * and French keep "Distr.: General" and "Original: English" in English,
 * so these lists mix languages on purpose. */
const char hx_un_words[] = "联合国|United Nations|Nations Unies|Naciones Unidas|"
                           "Организация Объединенных Наций|الأمم المتحدة";

const char hx_issuer_words[] =
    "大会|General Assembly|Assemblée générale|Asamblea General|"
    "Генеральная Ассамблея|الجمعية العامة|"
    "安全理事会|Security Council|Conseil de sécurité|Consejo de Seguridad|"
    "Совет Безопасности|مجلس الأمن|"
    "经济及社会理事会|Economic and Social Council|"
    "Conseil économique et social|Consejo Económico y Social|"
    "Экономический и Социальный Совет|المجلس الاقتصادي والاجتماعي";

const char hx_distr_words[] = "Distr|分发|Distribución|Распространение|التوزيع";

const char hx_original_words[] = "Original|原文|Подлинный текст|Оригинал|الأصل";

/* The six languages' names as each version's masthead prints its own
 * ("العربية", "中文", "Español") and as "Original: X" names the original, in
 * each of the six; Arabic spells English two ways and writes hamza or not. */
const char hx_language_words[] = "Arabic|Chinese|English|French|Russian|Spanish|"
                                 "Arabe|Chinois|Anglais|Français|Russe|Espagnol|"
                                 "Árabe|Chino|Inglés|Francés|Ruso|Español|"
                                 "Арабский|Китайский|Английский|Французский|Русский|Испанский|"
                                 "阿拉伯文|中文|英文|法文|俄文|西班牙文|"
                                 "عربي|العربية|الصينية|الإنكليزية|الإنجليزية|الانكليزية|الانجليزية|"
                                 "الفرنسية|الروسية|الإسبانية|الاسبانية";

const char hx_draft_res_words[] =
    "决议草案|Draft resolution|Projet de résolution|Proyecto de resolución|"
    "Проект резолюции|مشروع القرار";

const char hx_draft_dec_words[] = "决定草案|Draft decision|Projet de décision|Proyecto de decisión|"
                                  "Проект решения|مشروع المقرر";

/* "Recalling also" / "Also decides", "Recalling further" / "Further
 * decides" in the six languages; Chinese puts 又 and 还 before the verb. */
const char hx_also_pre[] = "又|Also";
const char hx_also_post[] = "also|également|aussi|también|asimismo|также|أيضا|أيضاً";
const char hx_further_pre[] = "还|Further";
const char hx_further_post[] = "further|en outre|de plus|además|далее|кроме того|كذلك";

/* Section ordinals 1-20, then 21-30 as the Arabic editorial manual spells
 * them; a heading "ثالثا - " is "III.". */
const char hx_ar_ordinals[] = "أولا|ثانيا|ثالثا|رابعا|خامسا|سادسا|سابعا|ثامنا|تاسعا|عاشرا|"
                              "حادي عشر|ثاني عشر|ثالث عشر|رابع عشر|خامس عشر|سادس عشر|سابع عشر|"
                              "ثامن عشر|تاسع عشر|عشرون|حادي وعشرون|ثاني وعشرون|ثالث وعشرون|"
                              "رابع وعشرون|خامس وعشرون|سادس وعشرون|سابع وعشرون|ثامن وعشرون|"
                              "تاسع وعشرون|ثلاثون";

/* "A." … "Z." of lettered headings, by the names of the letters in abjad
 * order (alif, ba, jim, dal…), as Arabic UN documents print them. */
const char hx_ar_letter_names[] =
    "ألف|باء|جيم|دال|هاء|واو|زاي|حاء|طاء|ياء|كاف|لام|ميم|نون|سين|عين|فاء|"
    "صاد|قاف|راء|شين|تاء|ثاء|خاء|ذال|ضاد|ظاء|غين";

const char hx_ar_abjad[] = "أ|ب|ج|د|هـ|و|ز|ح|ط|ي|ك|ل|م|ن|س|ع|ف|ص|ق|ر|ش|ت|ث|خ|ذ|ض|ظ|غ";

/* How the formula of any other organ opens ("The Commission on Narcotic
 * Drugs,"); the stage takes such a line as a formula only when it is short,
 * ends with a comma and the paragraph after it opens with a lead word.
 * Chinese names the organ last: hx_organ_ends_zh. */
const char hx_organ_heads[] =
    "The Commission|The Council|The Committee|The Conference|The Board|"
    "The Executive Board|The Assembly|The Governing Council|"
    "La Commission|Le Conseil|Le Comité|La Conférence|L'Assemblée|"
    "La Comisión|El Consejo|El Comité|La Conferencia|La Junta|La Asamblea|"
    "Комиссия|Совет|Комитет|Конференция|Ассамблея|Исполнительный совет|"
    "إن لجنة|إن اللجنة|إن مجلس|إن المجلس|إن مؤتمر|إن المؤتمر|إن الجمعية";
const char hx_organ_ends_zh[] = "委员会|理事会|大会|会议|执行局";

/* A draft's sponsors line: "Australia and Japan: draft resolution". */
const char hx_sponsor_words[] =
    ": draft resolution|: draft decision|: projet de résolution|"
    ": projet de décision|: proyecto de resolución|: proyecto de decisión|"
    ": проект резолюции|: проект решения|: مشروع قرار|: مشروع مقرر|"
    "：决议草案|：决定草案";

/* Language data of the structure stage (see filters/structure.h). The
 * lead-word classes follow the UN editorial manuals' standard openings of
 * preambular and operative paragraphs; the same class in two languages
 * means the translators' usual equivalent, which is what alignment relies
 * on. Longer forms ("又回顾") are found before shorter ones ("回顾")
 * because the matcher keeps the longest match, not the first. */
#include "structure.h"

const struct hx_lead hx_leads[] = {
    {"recall", "回顾|回顾了", "Recalling|Recalls", "Rappelant|Rappelle",
     "Recordando|Recuerda", "Ссылаясь|Напоминая|Ссылается|Напоминает",
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
    {"reaffirm", "重申", "Reaffirming|Reaffirms", "Réaffirmant|Réaffirme",
     "Reafirmando|Reafirma", "Вновь подтверждая|Подтверждая|Вновь подтверждает",
     "إذ تعيد تأكيد|وإذ تعيد تأكيد|تعيد تأكيد|إذ تؤكد من جديد|تؤكد من جديد"},
    {"reaffirm.also", "又重申", "Reaffirming also|Also reaffirms|Reaffirms also",
     "Réaffirmant également|Réaffirme également|Réaffirmant aussi",
     "Reafirmando también|Reafirma también",
     "Вновь подтверждая также|Вновь подтверждает также",
     "وإذ تعيد أيضا تأكيد|تعيد أيضا تأكيد"},
    {"reaffirm.further", "还重申", "Further reaffirming|Further reaffirms",
     "Réaffirmant en outre|Réaffirme en outre", "Reafirmando además|Reafirma además",
     "Вновь подтверждая далее", "وإذ تعيد كذلك تأكيد"},
    {"recognize", "确认", "Recognizing|Recognizes|Acknowledging|Acknowledges",
     "Reconnaissant|Reconnaît|Constatant|Constate", "Reconociendo|Reconoce",
     "Признавая|Признает", "إذ تسلم|وإذ تسلم|تسلم|إذ تقر|وإذ تقر|تقر"},
    {"recognize.also", "又确认",
     "Recognizing also|Also recognizes|Recognizes also|Acknowledging also",
     "Reconnaissant également|Reconnaît également|Reconnaissant aussi",
     "Reconociendo también|Reconoce también", "Признавая также|Признает также",
     "وإذ تسلم أيضا|تسلم أيضا|تقر أيضا"},
    {"recognize.further", "还确认", "Further recognizing|Further recognizes",
     "Reconnaissant en outre|Reconnaît en outre",
     "Reconociendo además|Reconoce además", "Признавая далее|Признает далее",
     "وإذ تسلم كذلك|تسلم كذلك"},
    {"realize", "认识到", "Realizing|Cognizant|Realizes", "Consciente",
     "Consciente", "Сознавая", "إذ تدرك|وإذ تدرك|تدرك"},
    {"note", "注意到", "Noting|Notes", "Notant|Note|Prenant note|Constatant",
     "Observando|Observa|Tomando nota|Toma nota", "Отмечая|Отмечает",
     "إذ تلاحظ|وإذ تلاحظ|تلاحظ"},
    {"note.also", "又注意到", "Noting also|Also notes|Notes also",
     "Notant également|Note également|Notant aussi|Note aussi",
     "Observando también|Observa también|Observa asimismo",
     "Отмечая также|Отмечает также", "وإذ تلاحظ أيضا|تلاحظ أيضا"},
    {"note.further", "还注意到", "Further noting|Further notes",
     "Notant en outre|Note en outre", "Observando además|Observa además",
     "Отмечая далее|Отмечает далее", "وإذ تلاحظ كذلك|تلاحظ كذلك"},
    {"takenote", "表示注意到", "Taking note|Takes note",
     "Prenant acte|Prend acte|Prend note", "Tomando conocimiento|Toma conocimiento",
     "Принимая к сведению|Принимает к сведению",
     "إذ تحيط علما|وإذ تحيط علما|تحيط علما"},
    {"takenote.also", "又表示注意到|还表示注意到",
     "Taking note also|Also takes note|Takes note also",
     "Prenant acte également|Prend acte également|Prend également acte",
     "Tomando conocimiento también|Toma conocimiento también",
     "Принимая также к сведению|Принимает также к сведению",
     "وإذ تحيط علما أيضا|تحيط علما أيضا"},
    {"note.concern.deep", "非常关切地注意到|深为关切地注意到",
     "Noting with deep concern|Notes with deep concern",
     "Notant avec une profonde préoccupation|Note avec une profonde préoccupation",
     "Observando con profunda preocupación|Observa con profunda preocupación",
     "Отмечая с глубокой обеспокоенностью|Отмечает с глубокой обеспокоенностью",
     "وإذ تلاحظ مع بالغ القلق|تلاحظ مع بالغ القلق"},
    {"note.concern.great", "极为关切地注意到",
     "Noting with great concern|Notes with great concern",
     "Notant avec une grande préoccupation|Note avec une grande préoccupation",
     "Observando con gran preocupación|Observa con gran preocupación",
     "Отмечая с большой обеспокоенностью|Отмечает с большой обеспокоенностью",
     "وإذ تلاحظ مع شديد القلق|تلاحظ مع شديد القلق"},
    {"note.concern.grave", "严重关切地注意到",
     "Noting with grave concern|Notes with grave concern",
     "Notant avec une vive préoccupation|Note avec une vive préoccupation",
     "Observando con grave preocupación|Observa con grave preocupación",
     "Отмечая с серьезной обеспокоенностью|Отмечает с серьезной обеспокоенностью",
     "وإذ تلاحظ مع القلق البالغ|تلاحظ مع القلق البالغ"},
    {"concern", "关切|表示关切", "Concerned|Expressing concern|Expresses concern",
     "Préoccupée|Se déclarant préoccupée|Se déclare préoccupée",
     "Preocupada|Expresando preocupación|Expresa preocupación",
     "Будучи обеспокоена|Выражая обеспокоенность|Выражает обеспокоенность",
     "وإذ يساورها القلق|تعرب عن القلق"},
    {"stress", "强调指出|强调",
     "Stressing|Stresses|Emphasizing|Emphasizes|Underlining|Underlines",
     "Soulignant|Souligne|Insistant|Insiste", "Destacando|Destaca|Subrayando|Subraya|Poniendo de relieve|Pone de relieve",
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
    {"aware", "意识到", "Conscious|Aware|Mindful", "Consciente|Sachant",
     "Consciente", "Сознавая|Памятуя", "وإذ تدرك|إذ تدرك|وإذ تعي|إذ تعي"},
    {"bearinmind", "铭记", "Bearing in mind|Mindful", "Ayant à l'esprit|Gardant à l'esprit",
     "Teniendo presente|Teniendo en cuenta", "Учитывая",
     "وإذ تضع في اعتبارها|إذ تضع في اعتبارها"},
    {"welcome", "欢迎", "Welcoming|Welcomes", "Se félicitant|Se félicite|Accueillant avec satisfaction|Accueille avec satisfaction",
     "Acogiendo con beneplácito|Acoge con beneplácito|Celebrando|Celebra",
     "Приветствуя|Приветствует", "إذ ترحب|وإذ ترحب|ترحب"},
    {"welcome.also", "又欢迎", "Welcoming also|Also welcomes|Welcomes also",
     "Se félicitant également|Se félicite également",
     "Acogiendo también con beneplácito|Acoge también con beneplácito",
     "Приветствуя также|Приветствует также", "وإذ ترحب أيضا|ترحب أيضا"},
    {"encourage", "鼓励", "Encouraging|Encourages", "Encourageant|Encourage",
     "Alentando|Alienta", "Рекомендуя|Рекомендует|Призывая|Призывает",
     "إذ تشجع|وإذ تشجع|تشجع"},
    {"urge", "敦促", "Urging|Urges", "Priant instamment|Prie instamment|Exhorte",
     "Instando|Insta", "Настоятельно призывая|Настоятельно призывает",
     "إذ تحث|وإذ تحث|تحث"},
    {"lookforward", "期待", "Looking forward|Looks forward", "Attend avec intérêt",
     "Espera con interés|Aguarda con interés", "Ожидает|С нетерпением ожидает",
     "تتطلع"},
    {"acknowledge", "知悉", "Is cognizant|Being cognizant", "Est consciente",
     "Es consciente", "Сознает", "تدرك تماما"},
    {"callupon", "促请|吁请", "Calling upon|Calls upon|Calls on|Calling on",
     "Demandant|Demande|Engageant|Engage", "Exhortando|Exhorta|Pidiendo|Pide",
     "Призывая|Призывает", "إذ تهيب|وإذ تهيب|تهيب"},
    {"invite", "邀请", "Inviting|Invites", "Invitant|Invite", "Invitando|Invita",
     "Предлагая|Предлагает", "إذ تدعو|وإذ تدعو|تدعو"},
    {"request", "请", "Requesting|Requests", "Priant|Prie", "Solicitando|Solicita|Pide",
     "Просит", "تطلب"},
    {"decide", "决定", "Deciding|Decides", "Décidant|Décide", "Decidiendo|Decide",
     "Постановляя|Постановляет|Решает", "تقرر"},
    {"decide.also", "又决定", "Also decides|Decides also", "Décide également|Décide aussi",
     "Decide también|Decide asimismo", "Постановляет также|Решает также",
     "تقرر أيضا"},
    {"decide.further", "还决定", "Further decides", "Décide en outre",
     "Decide además", "Постановляет далее|Постановляет далее также", "تقرر كذلك"},
    {"whereas", "鉴于", "Whereas", "Considérant", "Considerando",
     "Принимая во внимание",
     "لمّا كان|ولمّا كان|لما كان|ولما كان|لمّا كانت|ولمّا كانت|لما كانت|ولما كانت"},
    {"proclaim", "发布", "Proclaims", "Proclame", "Proclama", "Провозглашает",
     "تنادي"},
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

const char hx_transitions[] =
    "Now, therefore|Ahora, por tanto|Maintenant, par conséquent|"
    "因此现在|因此|Поэтому|ولذلك";

const char hx_annex_words[] =
    "附件|Annex|Annexe|Anexo|Приложение|المرفق|مرفق";

const char hx_preamble_words[] =
    "序言|Preamble|Préambule|Preámbulo|Преамбула|الديباجة";

const char hx_article_words[] = "Article|Artículo|Статья|المادة";

const char hx_article_first[] = "Article premier|Artículo primero";

const char hx_known_heads[] =
    "一般性讨论|General discussion|Débat général|Debate general|"
    "Общие прения|المناقشة العامة|"
    "决议草案|Draft resolution|Projet de résolution|Proyecto de resolución|"
    "Проект резолюции|مشروع القرار";

const char hx_session_words[] =
    "届会议|session|período de sesiones|сессия|الدورة";

const char hx_agenda_words[] =
    "议程项目|Agenda item|de l'ordre du jour|del programa|повестки дня|"
    "جدول الأعمال";

const char hx_rapporteur_words[] =
    "报告员|Rapporteur|Rapporteuse|Relator|Relatora|Докладчик|Докладчица|"
    "المقرر|المقررة";

const char hx_report_of[] =
    "Report of the|Rapport de la|Rapport du|Informe de la|Informe del|"
    "Доклад|تقرير";

const char hx_report_of_zh[] = "的报告";

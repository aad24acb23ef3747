"""Every table difang writes, declared once as a pyarrow schema with a meaning and an example per column.

docs/tables.md is generated from this module (`python -m pipeline.docs`), and a test fails when it
is out of date. Offsets are Python string indices (end exclusive) and their names say which text
they index: `*raw_start`/`*raw_end` the decoded input file (`documents.raw_text`), `*page_start`/
`*page_end` the clean page (`pages.text`), and plain `start`/`end` (or `person_start`, `post_start`,
`metric_start` …) the article's text (`articles.text`); every table pointing into text has article and
raw offsets. Ids follow one scheme, pipeline/ids.py (doc_id → article_id → span ids; person_id).
"""

import pyarrow as pa

SCHEMA_VERSION = "7"  # 3: unique doc_id, person_id and entity ids in officials/metrics, page_/raw_ offset names, date_source; 4: articles.source; 5: metrics.metric_place, metric_adcode; 6: metrics.metric built from parts, metrics.metric_text; 7: careers.post_place, post_adcode, post_adcode_source


def column(name: str, type_: pa.DataType, meaning: str, example: str = "") -> pa.Field:
    """A field carrying its documentation in the Parquet metadata."""
    return pa.field(name, type_, metadata={"meaning": meaning, "example": example})


def table(description: str, *fields: pa.Field) -> pa.Schema:
    return pa.schema(list(fields), metadata={"description": description})


MARKER = pa.struct(
    [
        ("kind", pa.string()),  # continuation | caption | chrome | heading | markup
        ("text", pa.string()),  # the removed (or, for headings, kept) raw text
        ("raw_start", pa.int32()),
        ("raw_end", pa.int32()),
        # Where it sits in the clean text: an empty span for removed text, the kept span for headings.
        ("page_start", pa.int32()),
        ("page_end", pa.int32()),
    ]
)

AUTHOR = pa.struct([("name", pa.string()), ("role", pa.string())])

DOC_ID = column("doc_id", pa.string(), "Id of the file: first 16 hex digits of the sha256 of its bytes; unique per documents row (a duplicate, or a file that is not a page, gets 16 hex digits of sha256(content id + path), see duplicate_of).", "3f9a0c1d2e4b5a6c")
ARTICLE_ID = column("article_id", pa.string(), "`doc_id:seq` of the article.", "3f9a0c1d2e4b5a6c:2")
DATE = column("date", pa.date32(), "Article date (articles.date): from its dateline, 发布时间, the page's masthead, the file name or the configured hint, see articles.date_source; null when unknown (never guessed).", "2023-07-20")
DATE_SOURCE = column(
    "date_source",
    pa.string(),
    "Where the article date came from: dateline (7月20日 after the byline; a year-less one takes the year of the page's date), published (a 发布时间/发布日期 line), masthead (a date printed on the page), filename (2024-03-20 or 20240320 in the file's path), config (segment.folder_dates or segment.page_date); null when undated.",
    "dateline",
)

DOCUMENTS = table(
    "One row per file found under the input folder, whatever happened to it.",
    DOC_ID,
    column("path", pa.string(), "Path relative to the input folder (POSIX separators; non-UTF-8 bytes as \\xNN).", "2023/07/p01.txt"),
    column("sha256", pa.string(), "sha256 of the file's bytes.", "3f9a0c1d…"),
    column("n_bytes", pa.int64(), "File size in bytes.", "16456"),
    column("encoding", pa.string(), "Encoding used to decode it (utf-8, utf-8-sig, cesu-8, gb18030, big5, cp950, big5hkscs, utf-16, utf-16-le/-be without a byte-order mark; mixed(a+b) when parts of the file use different encodings, see `segments`; +html for HTML).", "gb18030"),
    column(
        "segments",
        pa.list_(pa.struct([("encoding", pa.string()), ("byte_start", pa.int64()), ("byte_end", pa.int64()), ("raw_start", pa.int64()), ("raw_end", pa.int64())])),
        "The encoding of each run of bytes: file bytes [byte_start, byte_end) decoded to raw_text[raw_start:raw_end] (raw offsets null for HTML, whose raw_text is the visible text); one entry unless encoding is mixed.",
        "[{encoding: utf-8, byte_start: 0, byte_end: 310, raw_start: 0, raw_end: 104}, {encoding: gb18030, …}]",
    ),
    column("decode_errors", pa.int64(), "Bytes that no encoding could read: replaced by U+FFFD in raw_text (or, for a character cut at the very end, dropped); 0 for a clean decode, null when not decoded.", "3"),
    column("script", pa.string(), "traditional or simplified Chinese (characters common in only one of Big5 and GB2312); null when the page has too few telling characters.", "traditional"),
    column("n_chars", pa.int64(), "Characters of decoded text.", "5480"),
    column("status", pa.string(), "ok (processed, repairs included), failed (nothing readable: could not be read or decoded) or skipped (empty, duplicate, not a page).", "ok"),
    column("error", pa.string(), "Why it failed or was skipped; null for ok rows (repairs are in `warning`).", "duplicate content of a/p1.txt"),
    column("warning", pa.string(), "What was repaired while decoding: replaced bytes, stray NUL bytes, a cut last character, CESU-8 pairs, Latin-1 runs, no byte-order mark, an encoding guessed by charset-normalizer; null when nothing was.", "3 undecodable bytes replaced by U+FFFD"),
    column("duplicate_of", pa.string(), "doc_id of the first file (in path order) with the same content, for duplicates; its path is in `error`.", "3f9a0c1d2e4b5a6c"),
    column("raw_text", pa.large_string(), "Decoded text (visible text for HTML); all raw offsets index this.", "本报讯(记者 …"),
)

PAGES = table(
    "The clean text of each ok document, with the map back to the raw text and what was removed.",
    DOC_ID,
    column("text", pa.large_string(), "Clean text: one paragraph or headline per line, OCR noise removed.", "云溪区召开民营经济座谈会"),
    column("offsets", pa.list_(pa.int32()), "offsets[i] = raw index of clean character i (strictly increasing).", "[0, 1, 2, 4, …]"),
    column("markers", pa.list_(MARKER), "Removed or structural spans: continuation, caption, chrome, heading, markup; with raw and page offsets.", "{kind: continuation, text: (上接1版), …}"),
    column("n_raw_chars", pa.int64(), "Characters in the raw text.", "5480"),
    column("n_clean_chars", pa.int64(), "Characters in the clean text.", "5302"),
    column("n_simplified", pa.int64(), "Characters converted from traditional to simplified Chinese (clean.to_simplified, OpenCC t2s, one character for one); the offsets and markers still point at the traditional raw text.", "412"),
)

ARTICLES = table(
    "One row per article (or caption / notice block) of a page, in page order.",
    ARTICLE_ID,
    DOC_ID,
    column("seq", pa.int32(), "Position of the article on its page, from 0.", "2"),
    column("kind", pa.string(), "news, photo (photo news), caption, notice or feature.", "news"),
    column("kicker", pa.string(), "引题: the line above the title.", "云溪街道青枫社区"),
    column("title", pa.string(), "Title as printed (null when the page has none for it).", "开展暑期少儿安全课堂"),
    column("subtitle", pa.string(), "副题: the line below the title.", "——云溪区政协2024年工作纪实"),
    column("byline", pa.string(), "Byline as it stands in the cleaned text, e.g. the parenthesised part after 本报讯 with its brackets. Cleaning drops wrap spaces inside Chinese text but keeps the space between two words of two or more characters in a byline or credit line (`clean.keep_credit_name_spaces`); a one-character word joins its neighbour (记者 王 某 → 记者王某).", "（记者 王某 通讯员 张某）"),
    column("authors", pa.list_(AUTHOR), "Structured authors: name + role (记者, 见习记者, 实习生, 通讯员, 特约记者, 摄, 文, 供图).", "[{name: 王某, role: 记者}]"),
    DATE,
    DATE_SOURCE,
    column("date_text", pa.string(), "The dateline as written (null when the date came from elsewhere, see date_source).", "7月20日"),
    column("source", pa.string(), "The outlet the article names as its origin, as written: 来源：… in its web furniture, 某某网讯 / 某某融媒体中心1月3日讯 / 据某某日报 at its lead; null for 本报讯 (the paper itself) or when none is named.", "云溪新闻网"),
    column("text", pa.large_string(), "pages.text[page_start:page_end]: the article as on the page; the article offsets of every other table index this.", "…"),
    column("body", pa.large_string(), "The running text without title lines: pages.text[body_page_start:body_page_end].", "本报讯(记者 …)7月20日,…"),
    column("page_start", pa.int32(), "Start of the article in pages.text.", "120"),
    column("page_end", pa.int32(), "End of the article in pages.text.", "980"),
    column("body_page_start", pa.int32(), "Start of the body in pages.text.", "140"),
    column("body_page_end", pa.int32(), "End of the body in pages.text.", "980"),
    column("raw_start", pa.int32(), "Start of the article in documents.raw_text.", "125"),
    column("raw_end", pa.int32(), "End of the article in documents.raw_text.", "1010"),
    column("continued_from", pa.string(), "Page label of (上接N版): this is the continuation of an article on page N.", "1"),
    column("continues_to", pa.string(), "Page label of (下转N版).", "2"),
    column("flags", pa.list_(pa.string()), "Quality flags: interleaved_columns, low_confidence, no_title, …", "[interleaved_columns]"),
    column("confidence", pa.float32(), "How sure the segmenter is of this article's boundaries (0–1).", "0.9"),
)

ENTITIES = table(
    "Named entities and numbers found in each article.",
    column("entity_id", pa.string(), "`article_id:start:end:label`.", "3f9a…:2:10:13:PER"),
    ARTICLE_ID,
    DOC_ID,
    column("label", pa.string(), "PER, TITLE, ORG, LOC, DATE, MONEY, PERCENT or QUANTITY.", "PER"),
    column("text", pa.string(), "The mention as in articles.text.", "林书远"),
    column("start", pa.int32(), "Start in articles.text.", "10"),
    column("end", pa.int32(), "End in articles.text.", "12"),
    column("page_start", pa.int32(), "Start in pages.text.", "130"),
    column("page_end", pa.int32(), "End in pages.text.", "132"),
    column("raw_start", pa.int32(), "Start in documents.raw_text.", "133"),
    column("raw_end", pa.int32(), "End in documents.raw_text (a mention split by OCR spans the noise too).", "136"),
    column("source", pa.string(), "Which layer produced the span: crf, spacy or hanlp (the trained model of that backend), rule (gazetteer/number patterns), rule+crf (the rules' span, which the CRF also found exactly), nested (inside a TITLE/ORG, pipeline/ner/nested.py); the ensemble backend lists every layer that found the exact span, joined by + (rule+spacy).", "crf"),
    column("model_id", pa.string(), "Id of the model or rule set that produced it (name, version, hash).", "crf_difang_ner-2.1.0+dc054d07f5be"),
    column("score", pa.float32(), "Confidence: crf — the CRF's marginal probability of the span's tags (python-crfsuite Tagger.marginal, the lowest over its characters); rule — 1.0; ensemble — share of its layers that found the span; null where the layer gives none (spaCy's and HanLP's networks, nested spans, a CRF span reworked after tagging: a run-on name split in two, a name re-read as elsewhere in the article).", "0.97"),
    column("nested_in", pa.string(), "entity_id of the TITLE or ORG this entity lies inside (the organisation part of a post, a place inside an organisation); null for top-level entities.", "3f9a…:2:4:9:TITLE"),
)

PLACES = table(
    "One row per place mention of each article (places inside organisations and posts included), linked to its administrative division (jionlp's table of GB/T 2260 divisions).",
    column("place_id", pa.string(), "`article_id:start:end`.", "3f9a…:2:4:7"),
    ARTICLE_ID,
    DOC_ID,
    column("text", pa.string(), "The mention as written (spaces removed).", "江津"),
    column("start", pa.int32(), "Start in articles.text.", "4"),
    column("end", pa.int32(), "End in articles.text.", "6"),
    column("raw_start", pa.int32(), "Start in documents.raw_text.", "130"),
    column("raw_end", pa.int32(), "End in documents.raw_text.", "132"),
    column("nested_in", pa.string(), "entity_id of the ORG or TITLE holding the mention (中共某某区委), null for a place standing alone.", "3f9a…:2:2:9:ORG"),
    column("source", pa.string(), "ner (a LOC entity), nested (a LOC inside an ORG/TITLE entity) or gazetteer (a division name the NER missed, found by the divisions scan).", "ner"),
    column("name", pa.string(), "Standard full name of the division (null when not linked).", "江津区"),
    column("adcode", pa.string(), "6-digit GB/T 2260 code of the division; townships and villages (jionlp lists them without codes) carry their county's code, `level` tells them apart; null when ambiguous or not a division.", "500116"),
    column("level", pa.string(), "province, city, county, township, village, or other (regions, scenic areas, development zones, unknown names).", "county"),
    column("province", pa.string(), "Province-level ancestor's name (itself for a province).", "重庆市"),
    column("city", pa.string(), "City-level ancestor's name (itself for a city; null under province-level cities).", "null"),
    column("county", pa.string(), "County-level ancestor's name (itself for a county).", "江津区"),
    column("resolution", pa.string(), "How the division was chosen: exact (full name, one candidate), short (short form, one candidate), context (several candidates, the article's other places or the home area chose), ambiguous (several, none chosen: adcode null), none (no division).", "short"),
    column("candidates", pa.int32(), "How many divisions matched the name before context chose one (0 for none).", "1"),
)

TOKENS = table(
    "Words of each article (pkuseg segmenter trained here, with the domain user dictionary); empty unless tokens.enabled.",
    column("token_id", pa.string(), "`article_id:index`.", "3f9a…:2:14"),
    ARTICLE_ID,
    DOC_ID,
    column("index", pa.int32(), "Position of the word in the article, from 0 (whitespace is not a word).", "14"),
    column("word", pa.string(), "The word: articles.text[start:end].", "统战部"),
    column("start", pa.int32(), "Start in articles.text.", "5"),
    column("end", pa.int32(), "End in articles.text.", "8"),
    column("page_start", pa.int32(), "Start in pages.text.", "125"),
    column("page_end", pa.int32(), "End in pages.text.", "128"),
    column("raw_start", pa.int32(), "Start in documents.raw_text.", "130"),
    column("raw_end", pa.int32(), "End in documents.raw_text.", "133"),
    column("is_punct", pa.bool_(), "True for punctuation.", "false"),
)

OFFICIALS = table(
    "One row per (person, post) stated in an article, bylines included.",
    column("official_id", pa.string(), "`article_id:person_start:post_start`.", "3f9a…:2:10:4"),
    ARTICLE_ID,
    DOC_ID,
    column("person_id", pa.string(), "people.person_id of the person (pipeline/ids.py: name + the place the post names + journalist/official; stable when documents are added).", "p_5d41402abc4b"),
    column("person", pa.string(), "Name without OCR spaces.", "林书远"),
    column("post", pa.string(), "Post as written (spaces removed).", "区委统战部部长"),
    column("post_org", pa.string(), "Organisation part of the post.", "区委统战部"),
    column("post_place", pa.string(), "Standard name of the division the post belongs to: the one it names at its start (中共某某区委书记 → 某某区), linked like the places table; for a post naming only its level (县委书记, 区领导, 副镇长, 县教育局局长) the article's one division of that level, or the one such division above the divisions the article names (市委书记 in an article about one county: its city), or the place written in an earlier post of the same clause at that level (某某县委书记甲、县长乙); an elliptical post takes its full post's (副主任 after 县人大常委会主任 in one sentence), a later link of one person's chain the link's before it (区委常委、统战部部长); null when there is none, or several, when the post names a unit the divisions table does not know, and for credit-line roles and other posts without a level. post_adcode_source tells which.", "江津区"),
    column("post_adcode", pa.string(), "GB/T 2260 code of that division (a township or village: its county's code); null when none or ambiguous.", "500116"),
    column("post_adcode_source", pa.string(), "Where post_place/post_adcode come from: `written` (the place the post names), `article` (the article's division of the post's level: a guess from context that another article about the same person may not repeat; person_id ignores it); null when there is none.", "written"),
    column("post_level", pa.string(), "Administrative level word of the post (省, 市, 盟, 区, 县, 旗, 镇, 乡, 街道, 村…) when stated: the level of the place it names (镇平县委书记 → 县), its organisation's first level word (县教育局 → 县), or its role's (副县长 → 县).", "区"),
    column("post_role", pa.string(), "Role part of the post.", "部长"),
    column("qualifier", pa.string(), "代 (acting), 原 (former), 时任, 退休… when written before the post.", "代"),
    column("from_byline", pa.bool_(), "True for reporters/correspondents named in a byline.", "false"),
    column("evidence", pa.string(), "The sentence stating the pair.", "区委常委、统战部部长林书远出席座谈会。"),
    column("person_entity_id", pa.string(), "entities.entity_id of the name (a PER entity).", "3f9a…:2:10:13:PER"),
    column("post_entity_id", pa.string(), "entities.entity_id of the post: the TITLE entity spanning it, else the last TITLE entity inside it (a post widened to its organisation); null when no TITLE entity lies in it.", "3f9a…:2:4:9:TITLE"),
    column("person_start", pa.int32(), "Start of the name in articles.text.", "10"),
    column("person_end", pa.int32(), "End of the name in articles.text.", "12"),
    column("post_start", pa.int32(), "Start of the post in articles.text.", "4"),
    column("post_end", pa.int32(), "End of the post in articles.text.", "9"),
    column("person_raw_start", pa.int32(), "Start of the name in documents.raw_text.", "133"),
    column("person_raw_end", pa.int32(), "End of the name in documents.raw_text (OCR spaces inside included).", "136"),
    column("post_raw_start", pa.int32(), "Start of the post in documents.raw_text.", "126"),
    column("post_raw_end", pa.int32(), "End of the post in documents.raw_text.", "131"),
    DATE,
    DATE_SOURCE,
)

METRICS = table(
    "One row per reported figure (money, percent, quantity) with what it measures.",
    column("metric_id", pa.string(), "`article_id:start:end` of the value.", "3f9a…:2:40:46"),
    ARTICLE_ID,
    DOC_ID,
    column("value_entity_id", pa.string(), "entities.entity_id of the figure (a MONEY, PERCENT or QUANTITY entity).", "3f9a…:2:40:46:MONEY"),
    column("metric_entity_id", pa.string(), "entities.entity_id of the named entity the figure is about: one inside the metric phrase (某某银行 of 某某银行贷款余额; the last when several), else the ORG/LOC entity read as its subject (某某镇 of 某某镇…实现产值2亿元); null when neither is an entity (the metric phrase itself is found by the relation rules, not the NER: metric_start/metric_end).", "3f9a…:2:32:36:ORG"),
    column("metric", pa.string(), "What is measured: the minimal self-explanatory name, built from parts of the clause that need not stand together (pipeline/relations/metrics.py: the phrase as written; a rate with its growth wording, also when it inherits the metric of an earlier clause: 地区生产总值…，同比增长6.3% → 地区生产总值同比增长; an attribute before the figure and the noun after it: 投资12亿元的某某项目 → 某某项目投资; the noun shared by a run of figures: 5公里和3公里的排水管线 → 排水管线); spaces removed; null when none was found.", "绿色贷款余额"),
    column("metric_text", pa.string(), "The metric phrase as written: articles.text[metric_start:metric_end] (the part of the text the name was built around, for provenance); null when none was found.", "绿色贷款余额"),
    column("value_text", pa.string(), "The figure as written: without a character the number rules took from the word before (签约9个 → 9个) and with the rest of a unit they stop short of (3个工作日, 45台套: data/metrics/unit_completions.txt); start/end stay the value entity's.", "8.5亿美元"),
    column("value", pa.float64(), "The number as written (Chinese numerals converted: 一万三千 → 13000; a multiplier written after an Arabic number stays in the unit: 8.5 of 8.5亿). Null for a range (七八户, 20至30人, 5—8万元, 十几个: approximate true, its ends in value_low/value_high, its midpoint in value_norm) and for a fraction (三分之一, 1/3, 一半; value_norm reads it): two numbers are written, not one, and value_text keeps them as written. 百分之六点八 → 6.8 and 千分之三 → 3 (the sign written out).", "8.5"),
    column("unit", pa.string(), "Unit as written, multiplier included.", "亿美元"),
    column("value_norm", pa.float64(), "The value in base units (万/亿 expanded, Chinese numerals converted, decimal arithmetic: 5.1亿 → 510000000). For a range, the midpoint of value_low and value_high. A fraction is its share in percent (三分之一 → 33.333…, float rounding the only inexactness; 五分之四 → 80).", "850000000"),
    column("base_unit", pa.string(), "Unit of value_norm: 元, 美元, %, 百分点, 人, 个, 平方米…; % for a fraction, ‰ for per mille (3.5‰, 千分之三), 成 for tenths (三成 = 3 成 = 30 %), 倍 for a multiple, 番 for doublings (翻一番 = 1 番 = ×2), each kept as written, not converted.", "美元"),
    column("value_kind", pa.string(), "MONEY, PERCENT or QUANTITY.", "MONEY"),
    column("value_low", pa.float64(), "Lower bound in base units: = value_norm for an exact figure; the low end of a range (七八户 → 7; 数十 → 20, 几/数 read as 2 to 9 of the place; 十几 → 11); the number for 余/多/超/逾/突破/以上/上 (at least); null when open (近, 不到, 不足, 以下) or unbounded (约, 左右).", "850000000"),
    column("value_high", pa.float64(), "Upper bound in base units: = value_norm for an exact figure; the high end of a range (七八户 → 8; 十几 → 19); the number for 近/将近/不到/不足/以下 (at most); null when open (余, 多, 超, 以上…) or unbounded (约, 左右).", "850000000"),
    column("approximate", pa.bool_(), "True for ranges and for 约, 近, 余, 多, 来, 超, 逾, 突破, 不到, 以上, 左右, 上百… figures (word list: data/metrics/qualifiers.txt); false for exact ones.", "false"),
    column("planned", pa.bool_(), "True for a plan, target or forecast (力争全年新增贷款60亿元, 计划投资2.3亿元, 预计, 目标任务, 有望: data/metrics/planned_words.txt), also for a figure that continues a planned one in its sentence (计划新建学校12所、公园3个); false for a reported result (…，目前已完成1.2亿元: achieved_words.txt).", "false"),
    column("qualifier", pa.string(), "累计, 同比增长, 下降, 完成率 and the approximation words around the number as written (约, 近, 余, 多, 超, 突破, 以上, 左右, 上…), comma-separated.", "同比增长"),
    column("period", pa.string(), "Time the figure refers to, as written: the last period phrase (data/metrics/periods.txt) or date of its clause before it, else the one at the head of its sentence (it covers the clauses after a ；); a comparison base (比一季度, 较去年) is none.", "截至今年6月"),
    column("period_start", pa.date32(), "First day of the period (ISO), read against the article date for relative forms (今年, 去年, 上半年, 一季度, 前三季度, 1—9月, 9月份); null for 截至… (as of) and when the period or the needed article date is missing.", "2024-01-01"),
    column("period_end", pa.date32(), "Last day of the period (ISO); for 截至X the end of X (截至9月底 → 09-30); 今年以来 ends on the article date; null when unread.", "2024-06-30"),
    column("subject", pa.string(), "Who or where the figure is about, when stated (全区, an org, a place).", "全区"),
    column("metric_place", pa.string(), "Standard name of the division the figure is about: the first one named in its subject, else in its metric phrase, linked with the article's places as context (pipeline/places/posts.metric_place); null when none is named (全区, 该镇) or the name stays ambiguous.", "江津区"),
    column("metric_adcode", pa.string(), "GB/T 2260 code of metric_place (a township: its county's code); null when none or ambiguous.", "500116"),
    column("evidence", pa.string(), "The sentence with the figure.", "截至今年6月,全区绿色贷款余额达8.5亿美元。"),
    column("start", pa.int32(), "Start of the value in articles.text.", "40"),
    column("end", pa.int32(), "End of the value in articles.text.", "46"),
    column("metric_start", pa.int32(), "Start of the metric phrase in articles.text.", "32"),
    column("metric_end", pa.int32(), "End of the metric phrase in articles.text.", "38"),
    column("raw_start", pa.int32(), "Start of the value in documents.raw_text.", "512"),
    column("raw_end", pa.int32(), "End of the value in documents.raw_text.", "518"),
    column("metric_raw_start", pa.int32(), "Start of the metric phrase in documents.raw_text.", "503"),
    column("metric_raw_end", pa.int32(), "End of the metric phrase in documents.raw_text.", "510"),
    DATE,
    DATE_SOURCE,
)

PEOPLE = table(
    "One row per person across all processed articles: one per officials.person_id (name + the place the post names + journalist/official).",
    column("person_id", pa.string(), "Stable id (pipeline/ids.py): `p_` + 12 hex digits of sha1(name|context); a function of one officials row, so adding documents never changes it.", "p_5d41402abc4b"),
    column("name", pa.string(), "Name without OCR spaces.", "林书远"),
    column("context", pa.string(), "What keeps same-name people apart: the place their post names (none: the role class alone) and the role class, journalist (the paper's staff: byline and credit-line roles, 记者, 通讯员, 编辑, 审核, 校对…) or official.", "江北区|official"),
    column("posts", pa.list_(pa.string()), "Every distinct post seen, in first-seen order.", "[区委常委, 统战部部长]"),
    column("n_mentions", pa.int64(), "officials rows of this person.", "4"),
    column("n_articles", pa.int64(), "Distinct articles mentioning them with a post.", "2"),
    column("papers", pa.list_(pa.string()), "Papers they appear in: the first folder of each document's path under the input folder (none for files at its root).", "[yunxi_daily]"),
    column("first_seen", pa.date32(), "Earliest article date (null if no article had a date).", "2023-07-20"),
    column("last_seen", pa.date32(), "Latest article date.", "2024-03-02"),
    column("article_ids", pa.list_(pa.string()), "Articles they appear in.", "[3f9a…:2]"),
)

CAREERS = table(
    "One row per (person, post): when it was seen, where the post is and in which articles.",
    column("person_id", pa.string(), "people.person_id.", "p_5d41402abc4b"),
    column("name", pa.string(), "Name.", "林书远"),
    column("post", pa.string(), "Post as written.", "统战部部长"),
    column("post_org", pa.string(), "Organisation part.", "统战部"),
    column("post_level", pa.string(), "Administrative level when stated.", "区"),
    column("post_place", pa.string(), "officials.post_place of this person's rows with this post when all that have one agree (with post_adcode); null when none has one or they differ.", "江津区"),
    column("post_adcode", pa.string(), "officials.post_adcode on the same terms.", "500116"),
    column("post_adcode_source", pa.string(), "`written` when a row's post names its place, else `article` (placed from its articles' divisions); null with post_adcode.", "written"),
    column("post_role", pa.string(), "Role part.", "部长"),
    column("qualifiers", pa.list_(pa.string()), "Qualifiers seen with this post (代, 原…).", "[]"),
    column("first_seen", pa.date32(), "Earliest article date with this post.", "2023-07-20"),
    column("last_seen", pa.date32(), "Latest article date with this post.", "2023-07-20"),
    column("n_mentions", pa.int64(), "officials rows with this post.", "2"),
    column("article_ids", pa.list_(pa.string()), "Articles stating it.", "[3f9a…:2]"),
)

FIGURES = table(
    "Every reported figure tied to its subject, period and source article: the analyst's view of metrics.",
    column("metric_id", pa.string(), "metrics.metric_id.", "3f9a…:2:40:46"),
    column("metric", pa.string(), "What is measured.", "绿色贷款余额"),
    column("value_norm", pa.float64(), "Value in base units.", "850000000"),
    column("base_unit", pa.string(), "Unit of value_norm.", "美元"),
    column("value_text", pa.string(), "As written.", "8.5亿美元"),
    column("qualifier", pa.string(), "累计, 同比增长…", "同比增长"),
    column("approximate", pa.bool_(), "约/近/余 figures.", "false"),
    column("planned", pa.bool_(), "A plan, target or forecast, not a reported result (metrics.planned).", "false"),
    column("subject", pa.string(), "Who/where.", "全区"),
    column("period", pa.string(), "Time the figure refers to, as written.", "截至今年6月"),
    column("year", pa.int32(), "Year of the figure: the year its period ends in (metrics.period_end, else period_start: 去年 in a 2025 article → 2024), else a year its period writes, else the article date's year.", "2023"),
    DATE,
    DATE_SOURCE,
    ARTICLE_ID,
    DOC_ID,
    column("path", pa.string(), "documents.path of the source page.", "2023/07/p01.txt"),
    column("title", pa.string(), "Title of the source article.", "我区金融服务实体经济成效明显"),
    column("evidence", pa.string(), "The sentence with the figure.", "…"),
)

DIVISIONS = table(
    "One row per administrative division code seen in the officials' posts or the figures: who holds posts there and which figures are reported there, with their sources (townships count under their county's code).",
    column("adcode", pa.string(), "6-digit GB/T 2260 code (officials.post_adcode, metrics.metric_adcode).", "500116"),
    column("name", pa.string(), "Standard name of the division with that code.", "江津区"),
    column("level", pa.string(), "province, city or county.", "county"),
    column("province", pa.string(), "Province-level name (itself for a province).", "重庆市"),
    column("city", pa.string(), "City-level name (null under province-level cities and for provinces).", "null"),
    column("n_people", pa.int64(), "Distinct people (officials.person_id) with a post there.", "3"),
    column("officials", pa.list_(pa.string()), "`person post` of each distinct pair, first seen first.", "[林书远 中共江津区委书记]"),
    column("person_ids", pa.list_(pa.string()), "people.person_id of those people.", "[p_5d41402abc4b]"),
    column("n_figures", pa.int64(), "metrics rows about the division.", "2"),
    column("figures", pa.list_(pa.string()), "`metric value_text` of each of those figures.", "[地区生产总值 1200亿元]"),
    column("metric_ids", pa.list_(pa.string()), "metrics.metric_id of those figures.", "[3f9a…:2:40:46]"),
    column("article_ids", pa.list_(pa.string()), "Articles stating any of it (the sources).", "[3f9a…:2]"),
    column("paths", pa.list_(pa.string()), "documents.path of those articles' pages.", "[2023/07/p01.txt]"),
    column("first_seen", pa.date32(), "Earliest article date among them (null when none is dated).", "2023-07-20"),
    column("last_seen", pa.date32(), "Latest article date among them.", "2024-03-02"),
)

FAILURES = table(
    "Documents a stage could not process (the rest of their batch went on).",
    DOC_ID,
    column("stage", pa.string(), "Stage that failed.", "segment"),
    column("error", pa.string(), "Exception type and message.", "ValueError: …"),
    column("detail", pa.string(), "The exception as Python formats it.", "ValueError: …"),
)

TABLES: dict[str, pa.Schema] = {
    "documents": DOCUMENTS,
    "pages": PAGES,
    "articles": ARTICLES,
    "entities": ENTITIES,
    "tokens": TOKENS,
    "places": PLACES,
    "officials": OFFICIALS,
    "metrics": METRICS,
    "people": PEOPLE,
    "careers": CAREERS,
    "figures": FIGURES,
    "divisions": DIVISIONS,
    "failures": FAILURES,
}

# Row order of each table is defined by these keys, so two runs give identical files.
SORT_KEYS: dict[str, list[str]] = {
    "documents": ["path"],
    "pages": ["doc_id"],
    "articles": ["doc_id", "seq"],
    "entities": ["doc_id", "article_id", "start", "end", "label"],
    "tokens": ["doc_id", "article_id", "index"],
    "places": ["doc_id", "article_id", "start", "end"],
    "officials": ["doc_id", "article_id", "person_start", "post_start"],
    "metrics": ["doc_id", "article_id", "start", "metric_start"],
    "people": ["person_id"],
    "careers": ["person_id", "post"],
    "figures": ["doc_id", "article_id", "metric_id"],
    "divisions": ["adcode"],
    "failures": ["stage", "doc_id"],
}

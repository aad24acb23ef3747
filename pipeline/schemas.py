"""Every table difang writes, declared once as a pyarrow schema.

Offsets are Python string indices (end exclusive). Each offset column says which text it indexes:
`raw_*` the decoded input file, `page_*` the clean page text (`pages.text`), and plain
`start`/`end` on entities the article text (`articles.text`).
"""

import pyarrow as pa

SCHEMA_VERSION = "1"

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

DOCUMENTS = pa.schema(
    [
        ("doc_id", pa.string()),  # sha256 of the content, first 16 hex digits
        ("path", pa.string()),  # relative to the input root
        ("sha256", pa.string()),
        ("n_bytes", pa.int64()),
        ("encoding", pa.string()),
        ("n_chars", pa.int64()),
        ("status", pa.string()),  # ok | failed | skipped
        ("error", pa.string()),
        ("duplicate_of", pa.string()),  # path of the first file with the same content
        ("raw_text", pa.large_string()),
    ]
)

PAGES = pa.schema(
    [
        ("doc_id", pa.string()),
        ("text", pa.large_string()),
        ("offsets", pa.list_(pa.int32())),  # offsets[i] = raw index of clean character i
        ("markers", pa.list_(MARKER)),
        ("n_raw_chars", pa.int64()),
        ("n_clean_chars", pa.int64()),
    ]
)

ARTICLES = pa.schema(
    [
        ("article_id", pa.string()),  # doc_id:seq
        ("doc_id", pa.string()),
        ("seq", pa.int32()),
        ("kind", pa.string()),  # news | photo | caption | notice | feature
        ("kicker", pa.string()),
        ("title", pa.string()),
        ("subtitle", pa.string()),
        ("byline", pa.string()),
        ("authors", pa.list_(AUTHOR)),
        ("date", pa.date32()),  # resolved from the dateline; null when the year is unknown
        ("date_text", pa.string()),
        ("text", pa.large_string()),  # pages.text[start:end]; entity offsets index this
        ("body", pa.large_string()),
        ("start", pa.int32()),  # extent of the article in the clean page
        ("end", pa.int32()),
        ("body_start", pa.int32()),
        ("body_end", pa.int32()),
        ("raw_start", pa.int32()),
        ("raw_end", pa.int32()),
        ("continued_from", pa.string()),  # page label of (上接N版)
        ("continues_to", pa.string()),  # page label of (下转N版)
        ("flags", pa.list_(pa.string())),  # quality flags, e.g. interleaved_columns, low_confidence
        ("confidence", pa.float32()),
    ]
)

ENTITIES = pa.schema(
    [
        ("entity_id", pa.string()),  # article_id:start:end:label
        ("article_id", pa.string()),
        ("doc_id", pa.string()),
        ("label", pa.string()),  # PER TITLE ORG LOC DATE MONEY PERCENT QUANTITY
        ("text", pa.string()),
        ("start", pa.int32()),  # in articles.text
        ("end", pa.int32()),
        ("page_start", pa.int32()),
        ("page_end", pa.int32()),
        ("raw_start", pa.int32()),
        ("raw_end", pa.int32()),
        ("source", pa.string()),  # spacy | rule | hanlp | ensemble
        ("model_id", pa.string()),
        ("score", pa.float32()),
    ]
)

OFFICIALS = pa.schema(
    [
        ("official_id", pa.string()),  # article_id:person_start:post_start
        ("article_id", pa.string()),
        ("doc_id", pa.string()),
        ("person", pa.string()),  # OCR spaces removed
        ("post", pa.string()),  # as written
        ("post_org", pa.string()),
        ("post_level", pa.string()),  # 省 | 市 | 区 | 县 | 镇 | 街道 | ...
        ("post_role", pa.string()),
        ("qualifier", pa.string()),  # 代 | 原 | 时任 | 退休 | 常务 ...
        ("from_byline", pa.bool_()),
        ("evidence", pa.string()),
        ("person_start", pa.int32()),  # in articles.text
        ("person_end", pa.int32()),
        ("post_start", pa.int32()),
        ("post_end", pa.int32()),
        ("raw_start", pa.int32()),  # person mention in the raw page
        ("raw_end", pa.int32()),
        ("date", pa.date32()),
    ]
)

METRICS = pa.schema(
    [
        ("metric_id", pa.string()),  # article_id:value_start:value_end
        ("article_id", pa.string()),
        ("doc_id", pa.string()),
        ("metric", pa.string()),
        ("value_text", pa.string()),
        ("value", pa.float64()),  # the number as written (8.5 for 8.5亿美元)
        ("unit", pa.string()),  # as written (亿美元)
        ("value_norm", pa.float64()),  # in base units (850000000)
        ("base_unit", pa.string()),  # 美元
        ("value_kind", pa.string()),  # MONEY | PERCENT | QUANTITY
        ("approximate", pa.bool_()),
        ("qualifier", pa.string()),  # 累计 | 同比增长 | 下降 | 完成率 | 余 | 约 | 超 ...
        ("period", pa.string()),
        ("subject", pa.string()),
        ("evidence", pa.string()),
        ("start", pa.int32()),  # value span in articles.text
        ("end", pa.int32()),
        ("metric_start", pa.int32()),
        ("metric_end", pa.int32()),
        ("raw_start", pa.int32()),
        ("raw_end", pa.int32()),
        ("date", pa.date32()),
    ]
)

TABLES: dict[str, pa.Schema] = {
    "documents": DOCUMENTS,
    "pages": PAGES,
    "articles": ARTICLES,
    "entities": ENTITIES,
    "officials": OFFICIALS,
    "metrics": METRICS,
}

# Row order of each table is defined by these keys, so two runs give identical files.
SORT_KEYS: dict[str, list[str]] = {
    "documents": ["path"],
    "pages": ["doc_id"],
    "articles": ["doc_id", "seq"],
    "entities": ["doc_id", "article_id", "start", "end", "label"],
    "officials": ["doc_id", "article_id", "person_start", "post_start"],
    "metrics": ["doc_id", "article_id", "start", "metric_start"],
}

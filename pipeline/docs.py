"""Generate docs/tables.md from the schema module, so the table reference cannot drift from the code.

`python -m pipeline.docs` rewrites the file; tests/test_docs.py fails when it is out of date.
"""

import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.schemas import SCHEMA_VERSION, SORT_KEYS, TABLES

TABLES_MD = Path(__file__).resolve().parents[1] / "docs" / "tables.md"

HEADER = f"""# Tables

Generated from `pipeline/schemas.py` by `python -m pipeline.docs` (schema version {SCHEMA_VERSION}); do not edit by hand.

Every table is a Parquet dataset folder `OUTPUT/<table>/` of part files (one per batch):

```python
import pandas as pd, duckdb, polars as pl
pd.read_parquet("out/officials")
duckdb.sql("select * from 'out/metrics/*.parquet'")
pl.read_parquet("out/entities/*.parquet")
```

**Offsets** are Python string indices, end exclusive, and the name says which text: `*raw_start`/
`*raw_end` index `documents.raw_text`, `*page_start`/`*page_end` index `pages.text`, and plain
`start`/`end` (and `person_start`, `post_start`, `metric_start` …) index the article's text,
`articles.text`. Every table that points into text has article and raw offsets. Each file's metadata
carries `difang.schema_version`, `difang.config_hash` and `difang.model_ids`.

**Ids** (one scheme, `pipeline/ids.py`) are built from content and positions, never from run order, so
they are the same in every run and stay when documents are added; each table's row id is unique:

| id | form | joins |
|---|---|---|
| `doc_id` | 16 hex digits of the sha256 of the file's bytes; a duplicate (or a file that is not a page) gets 16 hex digits of sha256(content id + path) and `duplicate_of` = the original's doc_id | every table's `doc_id` |
| `article_id` | `doc_id:seq` | `entities`, `places`, `tokens`, `officials`, `metrics`, `figures` |
| `entity_id` | `article_id:start:end:LABEL` (article offsets) | `officials.person_entity_id`/`post_entity_id`, `metrics.value_entity_id`/`metric_entity_id`, `entities.nested_in` |
| `official_id`, `metric_id`, `place_id`, `token_id` | `article_id:` + article offsets (or the token's index) | — |
| `person_id` | `p_` + 12 hex digits of sha1(name \\| place the post names \\| journalist or official) | `officials`, `people`, `careers` |

`person_id` is a function of one officials row, so adding documents never changes an existing id. The
price: a mention whose post names no place (副主席) is not merged into a namesake whose post does
(江北区政协副主席), and a move to a post in another place starts a new id; both are joined by name
and context if wanted. The same bytes at two paths are one page: the first path in sorted order
keeps the content id (a copy added later under an earlier-sorting path takes it over).

```python
officials.merge(people, on="person_id").merge(careers, on=["person_id", "post"])   # one row per officials row
metrics.merge(entities, left_on="value_entity_id", right_on="entity_id")            # one row per metric
```

**Types**: dates are Arrow `date32` (DuckDB `DATE`, polars `Date`, pandas `datetime.date` objects;
`pd.read_parquet(..., dtype_backend="pyarrow")` gives `date32[pyarrow]`); integer and boolean columns
read as pandas' nullable `Int32`/`Int64`/`boolean`, so a null never turns them into float64 — except
integers inside a list of structs (`documents.segments`): pandas' default reader gives them as Python
floats when any row of the table has a null there (HTML pages have no raw offsets); read with
`pd.read_parquet(..., dtype_backend="pyarrow")`, polars or DuckDB to keep them integers;
`value_norm` and the value bounds are computed with decimal arithmetic and rounded to the precision
written (5.1亿 → 510000000).

**Row order**: each table's rows are sorted by the keys named under it; ids compare part by part with
numbers as numbers (`…:2:60:64` before `…:2:104:108`, article `…:2` before `…:10`), so rows of one
document come in text order.
"""


def as_read_back(schema: pa.Schema) -> pa.Schema:
    """`schema` as a reader gets it from a Parquet file: an empty table written and read back in
    memory (Parquet names a list's items `element`, where a pyarrow schema says `item`)."""
    buffer = pa.BufferOutputStream()
    pq.write_table(schema.empty_table(), buffer)
    return pq.read_schema(pa.BufferReader(buffer.getvalue()))


def _type(field: pa.Field) -> str:
    """The Arrow type as a reader gets it from the Parquet files (large_string for page-sized text,
    which a reader that casts to string must know; list<element: …>)."""
    return str(field.type)


def render() -> str:
    parts = [HEADER]
    for name, written in TABLES.items():
        schema = as_read_back(written)
        description = (schema.metadata or {}).get(b"description", b"").decode()
        parts.append(f"\n## {name}\n\n{description} Rows are ordered by {', '.join(SORT_KEYS[name])}.\n")
        parts.append("| column | type | meaning | example |\n|---|---|---|---|")
        for field in schema:
            meta = {k.decode(): v.decode() for k, v in (field.metadata or {}).items()}
            cells = [f"`{field.name}`", f"`{_type(field)}`", meta.get("meaning", ""), f"`{meta['example']}`" if meta.get("example") else ""]
            parts.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(parts) + "\n"


def main() -> int:
    TABLES_MD.write_text(render(), encoding="utf-8")
    print(f"wrote {TABLES_MD}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

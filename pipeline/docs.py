"""Generate docs/tables.md from the schema module, so the table reference cannot drift from the code.

`python -m pipeline.docs` rewrites the file; tests/test_docs.py fails when it is out of date.
"""

import sys
from pathlib import Path

import pyarrow as pa

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

Offsets are Python string indices, end exclusive: `raw_*` index `documents.raw_text`, `page_*` index
`pages.text`, plain `start`/`end` index `articles.text` (unless a column says otherwise). Each file's
metadata carries `difang.schema_version`, `difang.config_hash` and `difang.model_ids`.
"""


def _type(field: pa.Field) -> str:
    return str(field.type).replace("large_string", "string")


def render() -> str:
    parts = [HEADER]
    for name, schema in TABLES.items():
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

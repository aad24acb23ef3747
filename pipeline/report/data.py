"""Load a run folder's tables and manifest for the report, tolerating tables a run did not write.

Only the columns the report shows are read (never `documents.raw_text`, `articles.body` or the pages),
by name, so a run whose tables gained columns still reports and one that lacks a column shows it empty.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow.dataset as ds

from pipeline.errors import UsageError
from pipeline.schemas import TABLES

# Columns read per table (None: every column). A missing core table (a run stopped early) is read as
# empty with these columns; a missing optional table is left out.
COLUMNS: dict[str, list[str] | None] = {
    "documents": ["doc_id", "path", "status", "error", "warning", "encoding", "n_chars", "n_bytes", "duplicate_of"],
    "articles": [
        "article_id", "doc_id", "seq", "kind", "kicker", "title", "subtitle", "byline", "authors", "date", "date_text", "date_source",
        "source", "text", "start", "end", "page_start", "page_end", "body_page_start", "body_page_end", "body_start", "body_end",
        "raw_start", "raw_end",
        "continued_from", "continues_to", "flags", "confidence",
    ],
    "entities": ["article_id", "doc_id", "label", "text", "start", "end", "source", "score"],
    "officials": [
        "article_id", "doc_id", "person_id", "person", "post", "post_org", "post_place", "post_level", "post_role", "qualifier", "from_byline",
        "date", "date_source", "evidence",
    ],
    "metrics": [
        "article_id", "doc_id", "metric_id", "metric", "value_text", "value_norm", "base_unit", "value_kind", "approximate", "qualifier",
        "period", "subject", "metric_place", "evidence", "date",
    ],
    "places": ["article_id", "doc_id", "text", "name", "adcode", "level", "province", "city", "county"],
    "failures": None,
}
CORE_TABLES = ("documents", "articles", "entities", "officials", "metrics", "failures")
# Shown when present, never required: places (each article's places with their division, the
# figures' places); the rest are counted only.
OPTIONAL_TABLES = ("places",)
COUNTED_TABLES = ("people", "careers", "figures")
FAILURE_COLUMNS = ["doc_id", "stage", "error", "detail"]


@dataclass
class RunData:
    """Everything the report shows about one run folder."""

    output: Path
    manifest: dict
    tables: dict[str, pd.DataFrame]
    optional: dict[str, pd.DataFrame] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)  # rows of the tables only counted

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]


def declared_columns(name: str) -> list[str]:
    """Columns the report reads from table `name` that its schema declares (or all declared ones)."""
    if name not in TABLES:
        return FAILURE_COLUMNS if name == "failures" else []
    declared = TABLES[name].names
    wanted = COLUMNS.get(name)
    return list(declared) if wanted is None else [c for c in wanted if c in declared]


def empty_table(name: str) -> pd.DataFrame:
    """An empty frame with the columns the report reads from `name`."""
    if name not in TABLES:
        return pd.DataFrame(columns=declared_columns(name))
    schema = TABLES[name]
    return schema.empty_table().select(declared_columns(name)).to_pandas()


def _dataset(output: Path, name: str) -> ds.Dataset | None:
    folder = output / name
    if not folder.exists():
        return None
    return ds.dataset(folder, format="parquet")


def read_table(output: Path, name: str) -> pd.DataFrame | None:
    """The report's columns of the published table `OUTPUT/<name>` as pandas (columns the run did not
    write are added as nulls), or None when the run did not write the table."""
    dataset = _dataset(output, name)
    if dataset is None:
        return None
    wanted = COLUMNS.get(name)
    present = dataset.schema.names if wanted is None else [c for c in wanted if c in dataset.schema.names]
    frame = dataset.to_table(columns=present).to_pandas()
    for column in declared_columns(name):
        if column not in frame.columns:
            frame[column] = None
    return frame


def count_rows(output: Path, name: str) -> int | None:
    """Rows of `OUTPUT/<name>` from the Parquet footers (no data read), None when not written."""
    dataset = _dataset(output, name)
    return None if dataset is None else dataset.count_rows()


def read_manifest(output: Path) -> dict:
    """manifest.json of the run; an error naming the folder when it is not a run folder."""
    path = output / "manifest.json"
    if not path.is_file():
        raise UsageError(f"{output} is not a difang run folder (no manifest.json); run `python -m pipeline extract` first")
    return json.loads(path.read_text(encoding="utf-8"))


def load_run(output: Path) -> RunData:
    """Read the manifest and the report's columns of every table of a run folder."""
    output = Path(output)
    manifest = read_manifest(output)
    tables = {}
    for name in CORE_TABLES:
        frame = read_table(output, name)
        tables[name] = empty_table(name) if frame is None else frame
    optional = {name: frame for name in OPTIONAL_TABLES if (frame := read_table(output, name)) is not None}
    counts = {name: n for name in COUNTED_TABLES if (n := count_rows(output, name)) is not None}
    return RunData(output=output, manifest=manifest, tables=tables, optional=optional, counts=counts)

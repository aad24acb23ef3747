"""Load a run folder's tables and manifest for the report, tolerating tables a run did not write."""

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pipeline.errors import UsageError
from pipeline.schemas import TABLES

# Tables the report needs; a missing one (a run stopped early) is read as empty.
CORE_TABLES = ("documents", "articles", "entities", "officials", "metrics", "failures")
# Tables of newer runs; shown when present, never required.
OPTIONAL_TABLES = ("people", "careers", "figures")
FAILURE_COLUMNS = ["doc_id", "stage", "error", "detail"]


@dataclass
class RunData:
    """Everything the report shows about one run folder."""

    output: Path
    manifest: dict
    tables: dict[str, pd.DataFrame]
    optional: dict[str, pd.DataFrame] = field(default_factory=dict)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]


def empty_table(name: str) -> pd.DataFrame:
    """An empty frame with the declared columns of `name`."""
    if name == "failures" and name not in TABLES:
        return pd.DataFrame(columns=FAILURE_COLUMNS)
    return TABLES[name].empty_table().to_pandas()


def read_table(output: Path, name: str) -> pd.DataFrame | None:
    """The published table `OUTPUT/<name>` as pandas, or None when the run did not write it."""
    folder = output / name
    if not folder.exists():
        return None
    return pd.read_parquet(folder)


def read_manifest(output: Path) -> dict:
    """manifest.json of the run; an error naming the folder when it is not a run folder."""
    path = output / "manifest.json"
    if not path.is_file():
        raise UsageError(f"{output} is not a difang run folder (no manifest.json); run `python -m pipeline extract` first")
    return json.loads(path.read_text(encoding="utf-8"))


def with_columns(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """Add declared columns an older run did not write (as nulls) so the report can rely on them."""
    declared = empty_table(name)
    for column in declared.columns:
        if column not in frame.columns:
            frame[column] = None
    return frame


def load_run(output: Path) -> RunData:
    """Read the manifest and every table of a run folder."""
    output = Path(output)
    manifest = read_manifest(output)
    tables = {}
    for name in CORE_TABLES:
        frame = read_table(output, name)
        tables[name] = empty_table(name) if frame is None else with_columns(frame, name)
    optional = {name: frame for name in OPTIONAL_TABLES if (frame := read_table(output, name)) is not None}
    return RunData(output=output, manifest=manifest, tables=tables, optional=optional)

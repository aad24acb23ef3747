"""Docs that must stay in step with the code."""

import re
from pathlib import Path

from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.docs import TABLES_MD, render
from pipeline.schemas import TABLES

REPO = Path(__file__).resolve().parents[1]


def test_tables_md_is_generated_from_the_schemas():
    assert TABLES_MD.read_text(encoding="utf-8") == render(), "docs/tables.md is stale: run python -m pipeline.docs"


def test_every_column_has_a_meaning_and_an_example():
    for name, schema in TABLES.items():
        for field in schema:
            meta = field.metadata or {}
            assert meta.get(b"meaning"), f"{name}.{field.name} has no meaning"
            assert meta.get(b"example") is not None, f"{name}.{field.name} has no example"


def test_every_make_target_is_in_help_and_readme_commands_exist():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z-]+):", makefile, flags=re.M))
    documented = set(re.findall(r"^([a-z-]+):.*## ", makefile, flags=re.M))
    assert targets - {"clean"} <= documented | {"clean"}
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert readme.index("make extract") < 600 and readme.index("make test") < 600, "README must open with the two commands"
    for target in re.findall(r"`make ([a-z-]+)", readme):
        assert target in targets, f"README names make {target}, which the Makefile lacks"


def test_every_cli_option_is_documented_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    help_text = CliRunner().invoke(app, ["extract", "--help"], env={"COLUMNS": "200"}).output
    for option in re.findall(r"(--[a-z-]+)", help_text):
        if option != "--help":
            assert option in readme, f"{option} is not documented in README.md"


def test_documented_types_are_what_a_reader_gets_from_the_parquet_files(tmp_path):
    """docs/tables.md writes each column's type as read back from a Parquet file (list<element: …>,
    not pyarrow's list<item: …>)."""
    import pyarrow.parquet as pq

    text = TABLES_MD.read_text(encoding="utf-8")
    assert "list<item:" not in text
    for name, schema in TABLES.items():
        pq.write_table(schema.empty_table(), tmp_path / f"{name}.parquet")
        for field in pq.read_schema(tmp_path / f"{name}.parquet"):
            assert f"| `{field.name}` | `{field.type}` |" in text, (name, field.name)


def test_nested_integers_stay_integers_the_way_the_docs_say_to_read_them(tmp_path):
    """An HTML page (segments without raw offsets) next to a text page: pandas' default reader
    turns the text page's nested raw_start into a float, as docs/tables.md warns;
    dtype_backend="pyarrow" keeps it an int."""
    import pandas as pd

    from pipeline import io
    from pipeline.schemas import DOCUMENTS

    segment = {"encoding": "utf-8", "byte_start": 0, "byte_end": 30}
    frame = pd.DataFrame({name: [None, None] for name in DOCUMENTS.names})
    frame["doc_id"], frame["path"], frame["status"] = ["a", "b"], ["a.txt", "b.html"], ["ok", "ok"]
    frame["segments"] = [[{**segment, "raw_start": 0, "raw_end": 10}], [{**segment, "raw_start": None, "raw_end": None}]]
    io.write_part(io.to_arrow(frame, DOCUMENTS, "documents"), tmp_path / "documents", 0, {})
    assert "documents.segments" in TABLES_MD.read_text(encoding="utf-8")
    default = pd.read_parquet(tmp_path / "documents").segments[0][0]["raw_start"]
    assert isinstance(default, float)  # if pandas ever keeps it an int, drop the warning in docs/tables.md
    kept = pd.read_parquet(tmp_path / "documents", dtype_backend="pyarrow").segments[0][0]["raw_start"]
    assert kept == 0 and isinstance(kept, int)

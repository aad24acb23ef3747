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

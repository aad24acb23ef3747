"""Shared fixtures. The real seeds are required: a missing seeds folder is an error, not a skip."""

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS_DIR = Path(os.environ.get("SEEDS_DIR", REPO.parent / "shared" / "seeds"))


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS_DIR.is_dir() or not list(SEEDS_DIR.glob("*.txt")):
        raise RuntimeError(f"seeds folder {SEEDS_DIR} is missing or empty; set SEEDS_DIR")
    return SEEDS_DIR


@pytest.fixture(scope="session")
def seed_texts(seeds_dir: Path) -> dict[str, str]:
    """Raw seed text by stem, e.g. '004_14c3287801999b99'."""
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))}


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory) -> Path:
    """`pipeline extract` on data/sample, once per test session (read-only for the tests using it)."""
    import subprocess
    import sys

    output = tmp_path_factory.mktemp("sample_run") / "out"
    args = [sys.executable, "-m", "pipeline", "extract", "--input", str(REPO / "data" / "sample"), "--output", str(output), "--quiet"]
    subprocess.run(args, cwd=REPO, check=True)
    return output


# Hypothesis keeps no example database in the work tree: tests leave the tree clean.
from hypothesis import settings as _hypothesis_settings  # noqa: E402

_hypothesis_settings.register_profile("difang", database=None, deadline=None, derandomize=True)  # same examples every run: CI cannot fail on a draw
_hypothesis_settings.load_profile("difang")

"""The one reader of difang's word lists (data/*/ *.txt): gazetteers, segmentation cues, place
filters, metric words.

Formats: entries separated by whitespace, one or more per line (`read_list`); whole lines, for
lists of regular-expression alternatives that may contain spaces (`read_lines`); fields of a
line, for small tables (`read_rows`). Everywhere `#` starts a comment and blank lines are skipped.
Nothing is cached here: each module keeps what it builds from a list (and pipeline/fingerprints.py
declares, per module, the files it asks for).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
GAZETTEER_DIR = DATA_DIR / "gazetteers"


def read_lines(path: Path) -> list[str]:
    """The non-empty lines of a list file, comments removed and ends stripped."""
    lines = (line.split("#", 1)[0].strip() for line in Path(path).read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def read_rows(path: Path) -> list[list[str]]:
    """The whitespace-separated fields of each non-empty line."""
    return [line.split() for line in read_lines(path)]


def read_list(path: Path) -> list[str]:
    """The entries of a list file in file order: one per line or several separated by spaces."""
    return [entry for row in read_rows(path) for entry in row]


def longest_first(words: Iterable[str]) -> tuple[str, ...]:
    """Distinct words, longest first (ties in first-seen order), as regex alternatives and
    prefix/suffix tests need them: 见习记者 before 记者."""
    return tuple(sorted(dict.fromkeys(words), key=len, reverse=True))

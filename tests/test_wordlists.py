"""The word lists under data/: one reader, one file per list."""

import re
from pathlib import Path

from pipeline.wordlists import longest_first, read_lines, read_list, read_rows

REPO = Path(__file__).resolve().parents[1]
# Layers that run on users' pages; training and evaluation read their own corpora.
RUNTIME_DIRS = ("stages", "ner", "relations", "places", "segmentation")


def test_entries_lines_and_rows_skip_comments_and_blank_lines(tmp_path):
    path = tmp_path / "list.txt"
    path.write_text("# header\n甲乙 丙丁  # two entries\n\n戊己庚 a b\n", encoding="utf-8")
    assert read_list(path) == ["甲乙", "丙丁", "戊己庚", "a", "b"]
    assert read_lines(path) == ["甲乙 丙丁", "戊己庚 a b"]
    assert read_rows(path) == [["甲乙", "丙丁"], ["戊己庚", "a", "b"]]


def test_longest_first_keeps_one_of_each_and_the_order_of_ties():
    assert longest_first(["记者", "见习记者", "通讯员", "记者", "特约记者"]) == ("见习记者", "特约记者", "通讯员", "记者")


def test_runtime_code_reads_data_files_only_through_wordlists():
    """A second reader (a loop over read_text().splitlines() on a data file) is a second place."""
    pattern = re.compile(r"read_text\([^)]*\)\.splitlines\(\)")
    modules = [p for d in RUNTIME_DIRS for p in (REPO / "pipeline" / d).rglob("*.py")]
    offenders = [str(p.relative_to(REPO)) for p in modules if pattern.search(p.read_text(encoding="utf-8"))]
    assert not offenders


"""The word lists under data/: one reader, one file per list."""

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from pipeline.wordlists import longest_first, read_lines, read_list, read_rows, trie_alternation

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


def test_trie_alternation_is_a_prefix_tree():
    assert trie_alternation(["店长", "店员", "店"]) == "(?:店[员长]?)"
    assert re.fullmatch(trie_alternation(["a.b", "a"]), "a.b") and not re.fullmatch(trie_alternation(["a.b"]), "axb")
    assert re.search(trie_alternation([]), "任何文字") is None
    assert re.search(trie_alternation(["", "甲"]), "乙甲").span() == (1, 2)


WORDS = st.lists(st.text(alphabet="甲乙丙(", min_size=1, max_size=4), max_size=8)


@given(words=WORDS, text=st.text(alphabet="甲乙丙(丁", max_size=30), tail=st.sampled_from(["", "丁", "乙丁", "(?=丙)"]))
def test_trie_alternation_matches_like_the_longest_first_alternation(words, text, tail):
    """Same matches, same preference and same backtracking (a word that must be followed by
    `tail` falls back to a shorter word) as the flat alternation of the words, longest first."""
    if not any(words):
        return
    flat = "(?:" + "|".join(re.escape(w) for w in longest_first(w for w in words if w)) + ")"
    spans = [m.span() for m in re.finditer(flat + tail, text)]
    assert [m.span() for m in re.finditer(trie_alternation(words) + tail, text)] == spans


def test_runtime_code_reads_data_files_only_through_wordlists():
    """A second reader (a loop over read_text().splitlines() on a data file) is a second place."""
    pattern = re.compile(r"read_text\([^)]*\)\.splitlines\(\)")
    modules = [p for d in RUNTIME_DIRS for p in (REPO / "pipeline" / d).rglob("*.py")]
    offenders = [str(p.relative_to(REPO)) for p in modules if pattern.search(p.read_text(encoding="utf-8"))]
    assert not offenders


"""One reading of a name per article: a name seen cleanly once is the name everywhere in the article.

Headlines and credit lines often run names together without a separator (`甲乙丙当选副主席`),
and a tagger reading characters then cuts them wrongly (`乙丙` + a stray character). The body
usually lists the same people properly (`甲、乙、丙`). `known_names` collects the names the tagger
found between clear boundaries (punctuation, line ends, spaces) or next to a list comma; `apply_known_names`
re-reads every occurrence of those names in the article: an occurrence that a predicted PER only
partly covers replaces the PER spans it overlaps. Offsets index the article text.
"""

from __future__ import annotations

import ast
import re
from functools import lru_cache

from pipeline.offsets import find_all

_BOUNDARY = re.compile(r"[\s、，。；：:,;！？!?（）()【】\[\]“”\"|｜/·]")

Span = tuple[int, int, str]


def _bounded(text: str, start: int, end: int) -> bool:
    """Clear boundaries on both sides, or a list comma on one side (the last name of 甲、乙出席)."""
    left = start == 0 or _BOUNDARY.match(text[start - 1]) is not None
    right = end == len(text) or _BOUNDARY.match(text[end]) is not None
    return (left and right) or text[start - 1 : start] == "、" or text[end : end + 1] == "、"


def known_names(text: str, spans: list[Span]) -> set[str]:
    """Names (2–4 characters) that some PER span covers with a clear boundary on both sides."""
    return {text[s:e] for s, e, label in spans if label == "PER" and 2 <= e - s <= 4 and _bounded(text, s, e)}


def apply_known_names(text: str, rows: list[tuple]) -> list[tuple]:
    """rows: (start, end, label, …) non-overlapping entities; returns them with the PER spans that
    cut a known name replaced by the name (other fields copied from the first PER replaced)."""
    names = known_names(text, [(r[0], r[1], r[2]) for r in rows])
    if not names:
        return rows
    occurrences = [(start, start + len(name)) for name in names for start in find_all(text, name)]
    occurrences.sort(key=lambda o: (-(o[1] - o[0]), o[0]))
    result = list(rows)
    taken: list[tuple[int, int]] = []
    for start, end in occurrences:
        if any(start < e and s < end for s, e in taken):
            continue
        overlapping = [r for r in result if r[0] < end and start < r[1]]
        if not overlapping or any(r[2] != "PER" for r in overlapping):
            continue  # only PER spans are re-read; a TITLE, ORG or number stays as it is
        if len(overlapping) == 1 and (overlapping[0][0], overlapping[0][1]) == (start, end):
            taken.append((start, end))
            continue
        spill = [(r[0], start) for r in overlapping if r[0] < start] + [(end, r[1]) for r in overlapping if r[1] > end]
        # A longer PER is cut only where its extra characters belong to another known name
        # (李晓波张 → 李晓波 + 张瑞鹏), never a different person's longer name (王群英 ≠ 王群).
        if all(any(s < oe and os_ < e and (os_, oe) != (start, end) for os_, oe in occurrences) for s, e in spill):
            template = overlapping[0]
            result = [r for r in result if r not in overlapping] + [(start, end, "PER", *template[3:])]
            taken.append((start, end))
    return sorted(result, key=lambda r: (r[0], r[1]))


def split_run_on_names(text: str, rows: list[tuple], surnames: frozenset[str]) -> list[tuple]:
    """A PER of five or more characters without a middle dot or space is two names run together
    (甲乙 in a credit line or a headline): cut it where both parts start with a surname and are
    2–3 characters long (3–4 with a compound surname); otherwise leave it."""
    out = []
    for row in rows:
        start, end, label = row[0], row[1], row[2]
        surface = text[start:end]
        if label != "PER" or end - start < 5 or "·" in surface or any(c.isspace() for c in surface):
            out.append(row)
            continue
        cut = next((k for k in (3, 2, 4) if _name_like(surface[:k], surnames) and _name_like(surface[k:], surnames)), None)
        if cut is None:
            out.append(row)
        else:
            out += [(start, start + cut, "PER", *row[3:]), (start + cut, end, "PER", *row[3:])]
    return out


def _name_like(part: str, surnames: frozenset[str]) -> bool:
    compound = part[:2] in surnames
    return (part[:1] in surnames or compound) and 2 <= len(part) <= (4 if compound else 3)


def drop_place_like_names(text: str, rows: list[tuple], endings: frozenset[str]) -> list[tuple]:
    """PER spans whose last character ends place and facility names (data/gazetteers/
    not_name_endings.txt: 街, 路, 库, 组 …) are dropped: 丁香街 is a street, not a person."""
    return [r for r in rows if not (r[2] == "PER" and text[r[1] - 1 : r[1]] in endings)]



def drop_facility_names(text: str, rows: list[tuple], heads: tuple[str, ...]) -> list[tuple]:
    """PER spans of a name that the text writes only as the start of a facility or institution
    name (data/gazetteers/facility_heads.txt: 纪念馆, 小学, 基金会 …, right after every occurrence
    of the name) are dropped: 甲某纪念馆 names a museum, not a person in the news. A name also
    written on its own anywhere in the text stays a person everywhere."""
    only_heads = {}
    for row in rows:
        if row[2] == "PER" and (name := text[row[0] : row[1]]) not in only_heads:
            only_heads[name] = all(text.startswith(heads, k + len(name)) for k in find_all(text, name))
    return [r for r in rows if not (r[2] == "PER" and only_heads[text[r[0] : r[1]]])]



def drop_single_characters(rows: list[tuple]) -> list[tuple]:
    """PER spans of one character are dropped: a Chinese personal name has at least two (a lone
    surname before 先生/女士 or a title is a form of address, not a name)."""
    return [r for r in rows if not (r[2] == "PER" and r[1] - r[0] < 2)]


def trim_credit_suffix(text: str, rows: list[tuple], suffixes: tuple[str, ...]) -> list[tuple]:
    """A PER that ran into a credit word written after the name (记者甲某摄, data/gazetteers/
    name_credit_suffixes.txt, `suffixes` longest first) ends before it, when the word closes the
    credit (line end, space, punctuation follows) and a name of two or more characters is left."""
    out = []
    for row in rows:
        start, end = row[0], row[1]
        if row[2] == "PER" and (end == len(text) or _BOUNDARY.match(text[end])):
            for suffix in suffixes:
                if text[start:end].endswith(suffix) and end - len(suffix) - start >= 2:
                    row = (start, end - len(suffix), *row[2:])
                    break
        out.append(row)
    return out


def extend_transliterated_names(text: str, rows: list[tuple], translit: frozenset[str]) -> list[tuple]:
    """A PER written with a middle dot (阿布·热合曼) that stops inside a run of transliteration
    characters (data/gazetteers/translit_chars.txt) is cut short: Uyghur, Kazakh and Mongolian
    names are long and the tagger's character window ends before them. Extend it rightwards over
    those characters (at most 8), never into another entity."""
    starts = sorted(r[0] for r in rows)
    out = []
    for row in rows:
        start, end = row[0], row[1]
        if row[2] == "PER" and ("·" in text[start:end] or "•" in text[start:end]):
            limit = min([s for s in starts if s >= end] + [len(text), end + 8])
            while end < limit and text[end] in translit:
                end += 1
            row = (start, end, *row[2:])
        out.append(row)
    return out


@lru_cache(maxsize=1)
def jionlp_surnames() -> frozenset[str]:
    """jionlp's surnames that, once written, most likely open a name: the 百家姓 characters it keeps
    after dropping the ambiguous ones (SINGLE_CHINESE_FAMILY_NAME, 213 characters), and its
    compound surnames (TWO_CHAR_CHINESE_FAMILY_NAME), in `jionlp/rule/rule_pattern.py` of the
    installed package (PyPI, Apache-2.0). Read from that file's source, like pipeline.divisions
    reads the divisions table, because importing jionlp prints a banner on stdout and takes 0.2 s.
    Raises ModelError when jionlp is not installed."""
    from pipeline.divisions import location_file

    source = (location_file().parents[1] / "rule" / "rule_pattern.py").read_text(encoding="utf-8")
    values: dict[str, str] = {}
    for node in ast.parse(source).body:  # the last assignment wins, as in the module
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    values[target.id] = node.value.value
    return frozenset(values["SINGLE_CHINESE_FAMILY_NAME"]) | frozenset(values["TWO_CHAR_CHINESE_FAMILY_NAME"].split("|"))


# A list item: 2–4 Chinese characters between list marks (、 on at least one side; on the other a
# mark, a line start or end, or 等 closing the list).
_LIST_ITEM = re.compile(r"(?:^|(?<=[、，,：:；;\s（(“]))[\u4e00-\u9fff]{2,4}(?=、|等|[，,。；;：:\s）)”]|$)", re.M)


def complete_name_lists(text: str, rows: list[tuple], surnames: frozenset[str], endings: frozenset[str], fields: tuple) -> list[tuple]:
    """A list of people is names throughout: an item of a 、-list becomes a PER when the list holds
    at least two PERs joined to it by 、 (甲、乙、item or 甲、item、乙) and it is shaped like a name:
    a surname of `surnames` and one or two characters (a compound surname and one or two), not
    ending like a place (`endings`). The tagger misses a rare surname among common ones
    (甲、宓某某、乙), or reads a place inside it (汲长春 → 长春); a LOC/ORG inside the item gives
    way, any other entity it touches keeps it. One PER next to it is not enough: a stray PER
    would pull its neighbour in. rows: (start, end, label, …) non-overlapping, offsets into
    text; `fields` are the new rows' fields after the label (source, model id, score). Returns
    the rows sorted by offset."""
    if "、" not in text:
        return rows
    start_of = {r[1]: r[0] for r in rows if r[2] == "PER"}
    end_of = {r[0]: r[1] for r in rows if r[2] == "PER"}
    out = list(rows)
    for m in _LIST_ITEM.finditer(text):
        start, end = m.span()
        item = text[start:end]
        if _listed_names(text, start, end, start_of, end_of) < 2 or not _name_like(item, surnames) or item[-1] in endings:
            continue
        inside = [r for r in out if r[0] < end and start < r[1]]
        if all(r[2] in ("LOC", "ORG") and start <= r[0] and r[1] <= end for r in inside):
            out = [r for r in out if r not in inside] + [(start, end, "PER", *fields)]
            start_of[end], end_of[start] = start, end
    return sorted(out, key=lambda r: (r[0], r[1]))


def _listed_names(text: str, start: int, end: int, start_of: dict[int, int], end_of: dict[int, int]) -> int:
    """How many PERs (start_of: end → start, end_of: start → end) the span start:end is joined to
    by a chain of 、 on either side."""
    count, left, right = 0, start, end
    while text[left - 1 : left] == "、" and left - 1 in start_of:
        count, left = count + 1, start_of[left - 1]
    while text[right : right + 1] == "、" and right + 1 in end_of:
        count, right = count + 1, end_of[right + 1]
    return count

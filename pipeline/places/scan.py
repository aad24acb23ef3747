"""Division names the NER did not tag: a scan of the article text with the divisions lexicon.

Standard county names were missed outright by the NER on real articles (issue 15), so the text
outside every entity is scanned (leftmost-longest) for:
- `full`: full names of provinces, cities and counties (江津区, 沛县) and of townships of three
  characters or more (桐林街道);
- `short`: short forms of cities and counties (江津, 万源; 伊犁州 for 伊犁哈萨克自治州).
Both can be common words or parts of words (和平, 新华, 和县 in 省、市和县), so the stage keeps a
scanned name only when it links to a division near the article's other places (same city; same
county for a township), never a word of data/places/not_places.txt, nor a name without suffix
written before a name head (data/places/name_heads.txt: 某某中学, 某某日报).
A township's stem (八都 for 八都镇) is a short word; it is looked for only once the article names
that township in full (`stems`).

The scan reads the division automaton the NER already built (pipeline.ner.crf_backend's shared
lexicon, 47k names: every division name and short form), so one process holds one copy; what each
name is (full or short, which levels) comes from the places gazetteer.
Shapes: `scan(text, taken)` and `stems(text, taken, townships)` → [(start, end, kind)], `taken`
being the entity spans to avoid.
"""

from __future__ import annotations

from functools import lru_cache

from pipeline.places.filters import in_name
from pipeline.places.gazetteer import AUTONOMOUS, TOWNSHIP_SUFFIXES, ZONE_ENDINGS, gazetteer
from pipeline.wordlists import DATA_DIR, read_list

NOT_PLACES_FILE = DATA_DIR / "places" / "not_places.txt"
UNITS = tuple(unit for _, unit in AUTONOMOUS)


@lru_cache(maxsize=1)
def not_places() -> frozenset[str]:
    """Common words that are also names or short forms of divisions (data/places/not_places.txt)."""
    return frozenset(read_list(NOT_PLACES_FILE))


@lru_cache(maxsize=65536)
def kind_of(name: str) -> str | None:
    """`full` / `short` when the scan takes `name` as a division name, None when it never does
    (a common word, a two-character township, a province's short form, a zone)."""
    g = gazetteer()
    if name in not_places():
        return None
    if name in g.full:
        levels = {g.items[i].level for i in g.full[name]}
        if levels & {"province", "city", "county"} or (len(name) >= 3 and not name.endswith(ZONE_ENDINGS)):
            return "full"
        return None
    if len(name) >= 2 and name in g.short and all(g.items[i].level != "province" for i in g.short[name]):
        return "short"
    return None


def automaton():
    """The shared division automaton (name → length) of the NER lexicon, built once per process."""
    from pipeline.ner.crf_backend import division_automaton

    return division_automaton()


def _free(blocked: bytearray, start: int, end: int) -> bool:
    return not any(blocked[start:end])


def _blocked(text: str, taken: list[tuple[int, int]]) -> bytearray:
    blocked = bytearray(len(text))
    for s, e in taken:
        blocked[s:e] = b"\x01" * (e - s)
    return blocked


def scan(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, kind) of division names in `text` that overlap none of the `taken` spans."""
    if not text:
        return []
    blocked = _blocked(text, taken)
    out = []
    for last, length in automaton().iter_long(text):
        start, end = last - length + 1, last + 1
        kind = kind_of(text[start:end])
        if kind == "short" and end < len(text) and text[end] in UNITS and kind_of(text[start : end + 1]) == "short":
            end += 1  # 伊犁州: the short form with the unit word the papers write
        if kind and _free(blocked, start, end) and not in_name(text, start, end):
            out.append((start, end, kind))
    return out


def stems(text: str, taken: list[tuple[int, int]], townships: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, 'short') of the stems of `townships` (full names: 八都镇 → 八都) written alone in
    `text`, outside the `taken` spans and not followed by a township word (that is the full name)."""
    blocked = _blocked(text, taken)
    out = []
    for township in dict.fromkeys(townships):
        suffix = next((s for s in TOWNSHIP_SUFFIXES if township.endswith(s)), "")
        stem = township[: -len(suffix)] if suffix else ""
        if len(stem) < 2 or stem in not_places():
            continue
        start = text.find(stem)
        while start >= 0:
            end = start + len(stem)
            if not text.startswith(suffix, end) and _free(blocked, start, end) and not in_name(text, start, end):
                out.append((start, end, "short"))
            start = text.find(stem, end)
    return sorted(out)

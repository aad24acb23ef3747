"""Division names the NER did not tag: a scan of the article text with the divisions index.

Standard county names were missed outright by the NER on real articles (issue 15), so the text
outside every entity is scanned (Aho-Corasick, leftmost-longest) for:
- `full`: full names of provinces, cities and counties (江津区, 沛县) and of townships of three
  characters or more (桐林街道);
- `short`: short forms of cities and counties (江津, 万源) and township stems (月城 for 月城镇).
Both can be common words or parts of words (和平, 新华, 和县 in 省、市和县), so the stage keeps a
scanned name only when it links to a division near the article's other places (same city; same
county for a township), never a word of data/places/not_places.txt, nor a name without suffix
written before a name head (data/places/name_heads.txt: 某某中学, 某某日报).
Shapes: `scan(text, taken)` → [(start, end, kind)], `taken` being the entity spans to avoid.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import ahocorasick

from pipeline.places.filters import in_name, read_words
from pipeline.places.gazetteer import ZONE_ENDINGS, gazetteer

NOT_PLACES_FILE = Path(__file__).resolve().parents[2] / "data" / "places" / "not_places.txt"


@lru_cache(maxsize=1)
def not_places() -> frozenset[str]:
    """Common words that are also names or short forms of divisions (data/places/not_places.txt)."""
    return frozenset(read_words(NOT_PLACES_FILE))


@lru_cache(maxsize=1)
def automaton() -> ahocorasick.Automaton:
    """name → kind (full / short), built once per process."""
    g = gazetteer()
    stop = not_places()
    auto = ahocorasick.Automaton()
    for name, found in g.full.items():
        levels = {g.items[i].level for i in found}
        if name in stop:
            continue
        if levels & {"province", "city", "county"} or (len(name) >= 3 and not name.endswith(ZONE_ENDINGS)):
            auto.add_word(name, (len(name), "full"))
    for table in (g.short, g.township_short):
        for name, found in table.items():
            if len(name) >= 2 and name not in stop and name not in g.full and all(g.items[i].level != "province" for i in found):
                auto.add_word(name, (len(name), "short"))
    auto.make_automaton()
    return auto


def scan(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, kind) of division names in `text` that overlap none of the `taken` spans."""
    if not text:
        return []
    blocked = bytearray(len(text))
    for s, e in taken:
        blocked[s:e] = b"\x01" * (e - s)
    out = []
    for end, (length, kind) in automaton().iter_long(text):
        start = end - length + 1
        if not any(blocked[start : end + 1]) and not in_name(text, start, end + 1):
            out.append((start, end + 1, kind))
    return out

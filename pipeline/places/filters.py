"""Which found strings count as places (../shared/corpus/realnews/README, places).

A place without a division suffix written right before a word that opens a name (日报, 中学,
高速 …; data/places/name_heads.txt), or opening a company's name (琼海某某实业有限公司: a company
ending later in the same phrase), is part of that name, not a place: `in_name(text, start, end)`.
A bare division word (街道, 社区) names no place: `is_generic`. A road, water body, facility or park
(某某路, 某某河, 某某公园; data/places/not_place_endings.txt) is no place either: `is_facility`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.wordlists import DATA_DIR, GAZETTEER_DIR, longest_first, read_list

DATA = DATA_DIR / "places"
SUFFIXES = longest_first(read_list(GAZETTEER_DIR / "division_suffixes.txt"))


@lru_cache(maxsize=1)
def not_place_endings() -> tuple[str, ...]:
    return longest_first(read_list(DATA / "not_place_endings.txt"))


# A company, cooperative or group named after its place without a suffix (某某实业有限公司):
# its ending follows within one phrase (no punctuation, space or line break in between).
COMPANY_AFTER = re.compile(r"[^\s，。、；：！？,.;:!?（）()《》“”\"]{0,14}?(?:有限责任公司|有限公司|股份公司|集团|合作社)")


@lru_cache(maxsize=1)
def name_heads() -> tuple[str, ...]:
    return longest_first(read_list(DATA / "name_heads.txt"))


def in_name(text: str, start: int, end: int) -> bool:
    """True when text[start:end] has no division suffix and a name head follows it."""
    if text[start:end].endswith(SUFFIXES):
        return False
    return text[end : end + 4].lstrip().startswith(name_heads()) or bool(COMPANY_AFTER.match(text, end))


def is_facility(surface: str) -> bool:
    """True for a road, water body, facility or park name (ends in a word of not_place_endings.txt)."""
    return "".join(surface.split()).endswith(not_place_endings())


def is_generic(surface: str) -> bool:
    """A bare division word (区, 街道, 社区) or a single character names no place."""
    text = "".join(surface.split())
    return len(text) < 2 or text in SUFFIXES

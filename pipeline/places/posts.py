"""The place a post or a figure is about: `某某区` in `中共某某区委书记`, linked to its division.

`post_place` is called by the relate stage for each officials row (columns post_place,
post_adcode); `metric_place` for each metrics row (metric_place, metric_adcode: the first division
named in the figure's subject, else in its metric phrase). For a post, only a place
written at the start of the post counts (after 中共 or 原/代 qualifiers), read as the longest
chain of full division names (重庆市江津区, 江津区, 某某镇); a bare 区委/县政协 names none. The
article's other place mentions are the context that picks between same-named divisions, as in
the places table (pipeline/places/link.py); ambiguous → None, never a confident wrong code.
"""

from __future__ import annotations

from functools import lru_cache

from pipeline.places.filters import SUFFIXES
from pipeline.places.link import describe, link_article, read

# Written before the place of a post; stripped only when the post does not read as a place with
# them (原平市 and 代县 are places: 原平市委书记, 代县县长; 代理县长 is acting 县长, no place).
PREFIXES = ("中共", "代理", "原", "代", "时任")


def _leading_name(text: str) -> str | None:
    """The longest division name (or chain) with its suffix at the start of `text`."""
    for end in range(min(len(text), 24), 1, -1):
        name = text[:end]
        if name.endswith(SUFFIXES) and (found := read(name)) is not None and found.kind in ("exact", "village"):
            return name
    return None


@lru_cache(maxsize=16384)
def post_prefix(post: str) -> str | None:
    """The division name(s) written at the start of a post (after 中共, 原, 代 …), or None."""
    text = post
    while (name := _leading_name(text)) is None:
        prefix = next((p for p in PREFIXES if text.startswith(p)), None)
        if prefix is None:
            return None
        text = text[len(prefix) :]
    return name


def post_place(post: str | None, context: list[str] | tuple[str, ...] = (), home: list[int] | tuple[int, ...] = ()) -> dict:
    """{'post_place': standard name, 'post_adcode': code} of the place a post names (None when none
    or ambiguous); `context` = the article's place mentions as written."""
    name = post_prefix(post) if isinstance(post, str) else None
    if name is None:
        return {"post_place": None, "post_adcode": None}
    link = link_article([*context, name], home)[-1]
    row = describe(link)
    return {"post_place": row["name"] or name, "post_adcode": row["adcode"]}


# A post's level word (officials.post_level: 县委书记 → 县) → the division level and the endings
# a division of that level is written with (GB/T 2260: 县 and 区 are county-level, 市 may be a
# prefecture-level or a county-level city, 镇/乡/街道 are township-level).
LEVEL_DIVISIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "省": (("province",), ("省", "自治区")),
    "市": (("province", "city", "county"), ("市",)),  # 直辖市 are province-level
    "区": (("county",), ("区",)),
    "县": (("county",), ("县", "自治县", "旗")),
    "镇": (("township",), ("镇",)),
    "乡": (("township",), ("乡",)),
    "街道": (("township",), ("街道",)),
}


@lru_cache(maxsize=1024)  # called once per officials row with the same article context
def article_place(level: str | None, context: tuple[str, ...] = (), home: tuple[int, ...] = ()) -> dict:
    """{'post_place', 'post_adcode'} for a post that names its level but not its place (县委书记,
    区领导, 副镇长): the one division of that level the article names (its place mentions
    `context`, linked together as in the places table). None when the article names none or
    several different ones of that level (an article about two counties leaves 县长 uncoded)."""
    if level not in LEVEL_DIVISIONS or not context:
        return {"post_place": None, "post_adcode": None}
    levels, endings = LEVEL_DIVISIONS[level]
    found = {}
    for link in link_article(list(context), home):
        row = describe(link)
        if row["adcode"] and row["level"] in levels and (row["name"] or "").endswith(endings):
            found[row["adcode"]] = row["name"]
    if len(found) != 1:
        return {"post_place": None, "post_adcode": None}
    ((adcode, name),) = found.items()
    return {"post_place": name, "post_adcode": adcode}


def place_named(text: str | None) -> str | None:
    """The first division name written in `text` with its suffix, as a chain when several are
    written together (`江津区农业农村委` → 江津区, `重庆市江津区的` → 重庆市江津区); None when
    none (全区, 该镇 name none)."""
    if not isinstance(text, str) or not text:
        return None
    from pipeline.places.scan import automaton, kind_of

    for end, length in automaton().iter(text):
        start = end - length + 1
        if kind_of(text[start : end + 1]) == "full" and (name := post_prefix(text[start:])) is not None:
            return name
    return None


def metric_place(subject: str | None, phrase: str | None, context: list[str] | tuple[str, ...] = (), home: list[int] | tuple[int, ...] = ()) -> dict:
    """{'metric_place': standard name, 'metric_adcode': code} of the division a figure is about:
    the first one named in its `subject`, else in its metric `phrase`; `context` = the article's
    place mentions as written (they choose between same-named divisions). Both None when the text
    names no division or the name stays ambiguous (never a confident wrong code)."""
    name = place_named(subject) or place_named(phrase)
    if name is None:
        return {"metric_place": None, "metric_adcode": None}
    row = describe(link_article([*context, name], home)[-1])
    return {"metric_place": row["name"] or name, "metric_adcode": row["adcode"]}

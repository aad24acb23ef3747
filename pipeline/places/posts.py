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

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.places.filters import SUFFIXES
from pipeline.places.gazetteer import AUTONOMOUS
from pipeline.places.link import describe, link_article, read
from pipeline.wordlists import role_heads

# Written before the place of a post; stripped only when the post does not read as a place with
# them (原平市 and 代县 are places: 原平市委书记, 代县县长; 代理县长 is acting 县长, no place).
PREFIXES = ("中共", "代理", "原", "代", "时任")


# A session ordinal before a post's organisation (十二届省政协, 第十四届县人大): no place.
ORDINAL = re.compile(r"^第?[0-9一二三四五六七八九十百]+届")
# Short forms written with their unit (某某州 for 某某…自治州): a place named at a post's start.
SHORT_UNITS = tuple(unit for _, unit in AUTONOMOUS)


# A prefecture's party committee written with the short 地委 (某某地委 = 某某地区委员会).
PREFECTURE_COMMITTEE = re.compile(r"^([\u4e00-\u9fff]{2,6}?)地委")


# What a post may write before a role word without naming a place (代, 代理, 常务副 …).
ROLE_HEADS = role_heads()


def _leading_name(text: str, head: str = "") -> str | None:
    """The longest division name (or chain) with its suffix at the start of `text`: full names,
    villages, short forms written with their autonomous unit (某某州, 某某县), and a prefecture
    before 地委 (某某地委 → 某某地区). `head` is what the post wrote before `text` (a qualifier)."""
    if (committee := PREFECTURE_COMMITTEE.match(text)) and (found := read(committee.group(1) + "地区")) is not None and found.kind == "exact":
        return committee.group(1) + "地区"
    for end in range(min(len(text), 24), 1, -1):
        name = text[:end]
        if (name[:-1] in ROLE_HEADS or head + name[:-1] in ROLE_HEADS) and text.startswith(("长", "委"), end):
            continue  # 代县长, 代理县长: a qualifier and a role of that level, not the county 代县 or 理县
        if name.endswith(SUFFIXES) and (found := read(name)) is not None:
            if found.kind in ("exact", "village") or (found.kind == "short" and name.endswith(SHORT_UNITS)):
                return name
    return None


def _without_prefix(text: str) -> str | None:
    """`text` without the qualifier (中共, 原, 代 …) or session ordinal it starts with; None when none."""
    if ordinal := ORDINAL.match(text):
        return text[ordinal.end() :]
    prefix = next((p for p in PREFIXES if text.startswith(p)), None)
    return text[len(prefix) :] if prefix else None


@lru_cache(maxsize=16384)
def post_prefix(post: str) -> str | None:
    """The division name(s) written at the start of a post (after 中共, 原, 代, 十二届 …), or None."""
    text: str | None = post
    while (name := _leading_name(text, post[: len(post) - len(text)])) is None:
        text = _without_prefix(text)
        if not text:
            return None
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


# A post's level word (officials.post_level: 县委书记 → 县) → the division levels and the endings
# a division of that level is written with (GB/T 2260: 县, 区 and 旗 are county-level, 市 may be a
# province-level, prefecture-level or county-level city, 州, 盟 and 地区 are prefecture-level, 镇/乡/街道/
# 苏木 township-level, 村/社区/嘎查 village-level).
LEVEL_DIVISIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "省": (("province",), ("省", "自治区")),
    "市": (("province", "city", "county"), ("市",)),  # 直辖市 are province-level
    "州": (("city",), ("州",)),
    "盟": (("city",), ("盟",)),
    "地区": (("city",), ("地区",)),
    "区": (("county",), ("区",)),
    "县": (("county",), ("县", "自治县")),
    "旗": (("county",), ("旗",)),
    "镇": (("township",), ("镇",)),
    "乡": (("township",), ("乡",)),
    "街道": (("township",), ("街道",)),
    "苏木": (("township",), ("苏木",)),
    "村": (("village",), ("村",)),
    "社区": (("village",), ("社区",)),
    "嘎查": (("village",), ("嘎查",)),
}
# Only the divisions the article names stand for these levels: a 镇长 is not placed by a
# township the article does not name, and a village has no ancestors below its county.
LOCAL_LEVELS = ("township", "village")
NO_PLACE = {"post_place": None, "post_adcode": None}


@dataclass(frozen=True)
class NamedDivision:
    """A division one article names (a row of its places table), with its gazetteer chain.

    `chain` = gazetteer indices from the province down to the division (a village: down to its
    county, jionlp lists villages without codes); `free` = named outside every post that writes
    its own place (某某市 in 某某市市委常委 belongs to that post, not to the article); `full` =
    written with its suffix at least once (某某市, not only the short form 某某)."""

    name: str
    adcode: str
    level: str
    chain: tuple[int, ...]
    free: bool
    full: bool = True


def named_division(name: str, adcode: str, level: str, free: bool = True, written: str | None = None) -> NamedDivision | None:
    """The places-table row (division name, adcode, level; `written` = the mention as written,
    default the name) as a NamedDivision; None when the divisions table has no such code."""
    from pipeline.places.gazetteer import gazetteer

    g = gazetteer()
    index = g.by_code.get(adcode)
    if index is None:
        return None
    if level == "township":  # its code is its county's (or its city's): the township of that name and code
        index = next((i for i in g.full.get(name, ()) if g.items[i].level == "township" and g.code(i) == adcode), None)
        if index is None:
            return None
    return NamedDivision(name, adcode, level, tuple(g.chain(index)), free, (written or name).endswith(SUFFIXES))


def _pick(found: dict[tuple[str, str], bool]) -> tuple[str, str] | None:
    """The one (adcode, name) found; among several, the one named outside other posts; else None."""
    if len(found) == 1:
        return next(iter(found))
    free = [key for key, is_free in found.items() if is_free]
    return free[0] if len(free) == 1 else None


def article_division(level: str | None, divisions: tuple[NamedDivision, ...] | list[NamedDivision]) -> dict:
    """{'post_place', 'post_adcode'} for a post that names its level but not its place (县委书记,
    区领导, 副镇长, 县教育局局长): the article's one division of that level, else the one division
    of that level above the divisions it names (an article about one county: 市委书记 is its city's,
    省长 its province's). Several: the one named outside the posts that write their own place; still
    several or none → both None (an article about two counties leaves 县长 uncoded). Township and
    village posts take only a division the article names (a township is no county's ancestor)."""
    from pipeline.places.gazetteer import gazetteer

    if level not in LEVEL_DIVISIONS or not divisions:
        return NO_PLACE
    levels, endings = LEVEL_DIVISIONS[level]
    g = gazetteer()
    named: dict[tuple[str, str], bool] = {}
    for d in divisions:
        # A county-level city stands for a bare 市 only when written as one (某某市): its short form
        # is often a word or another place, and a bare 市委 more often means the prefecture.
        if d.level == "county" and level == "市" and not any(o.full for o in divisions if (o.adcode, o.name) == (d.adcode, d.name)):
            continue
        if d.level in levels and d.name.endswith(endings):
            named[(d.adcode, d.name)] = named.get((d.adcode, d.name), False) or d.free
    chosen = _pick(named)
    if not named and levels[0] not in LOCAL_LEVELS:
        above: dict[tuple[str, str], bool] = {}
        for d in divisions:
            for i in d.chain[:-1] if d.level != "village" else d.chain:
                item = g.items[i]
                if item.level in levels and item.name.endswith(endings) and item.adcode:
                    above[(item.adcode, item.name)] = above.get((item.adcode, item.name), False) or d.free
        chosen = _pick(above)
    if chosen is None:
        return NO_PLACE
    adcode, name = chosen
    return {"post_place": name, "post_adcode": adcode}


# A name shaped like a place written at the start of a post (某某镇党委书记, 高新区管委会主任) even
# when the divisions table does not know it: the post names its own unit, so the article's
# division of that level is not it. A bare level character (县委, 区人大) is no such name, nor a
# role of that level after its organisation (政府旗长, 政府副县长).
OWN_PLACE = re.compile(r"^(?:中共)?([\u4e00-\u9fff]{2,8}?)(?:自治区|自治州|自治县|省|市|区|县|旗|盟|州|镇|乡|街道|苏木|村|社区|嘎查)(?!长)")


def writes_own_place(post: str | None) -> bool:
    """The post starts with a name of its own unit (a division, known or not, or a zone)."""
    if not isinstance(post, str):
        return False
    text: str | None = post
    while text:
        found = OWN_PLACE.match(text)
        if found is not None and found.group(1)[0] not in LEVEL_DIVISIONS and not ORDINAL.match(text):
            return True
        text = _without_prefix(text)
    return False


def writes_place(post: str | None) -> bool:
    """The post writes a place of its own at its start, a known division or not."""
    return isinstance(post, str) and (post_prefix(post) is not None or writes_own_place(post))


def written_level(name: str) -> str | None:
    """The level word a written division name ends with, by its longest ending (镇平县 → 县, 某某市 →
    市, 某某自治县 → 县, 某某自治区 → 省); None when it ends with none (a short form)."""
    endings = [(len(ending), word) for word, (_, ends) in LEVEL_DIVISIONS.items() for ending in ends if name.endswith(ending)]
    return max(endings)[1] if endings else None


def place_of_post(post: str | None, level: str | None, context: tuple[str, ...] = (), divisions: tuple[NamedDivision, ...] = ()) -> dict:
    """{'post_place', 'post_adcode', 'post_level', 'post_adcode_source'} of one post.

    `level` is the post's level word as decomposed (officials.decompose_post), `context` the
    article's place mentions as written (they choose between same-named divisions), `divisions`
    the divisions the article names (article_division). A post that writes its own place is
    placed by it alone (`written`; its level is that place's: 镇平县委书记 → 县); one that names only
    its level by the article (`article`); one that writes a unit the table does not know (某某镇,
    a zone), a central one (中央, 全国) or one without a level gets none."""
    name = post_prefix(post) if isinstance(post, str) else None
    if name is not None:
        found = post_place(post, list(context))
        return {**found, "post_level": written_level(name) or level, "post_adcode_source": "written" if found["post_adcode"] else None}
    if writes_own_place(post):
        return {**NO_PLACE, "post_level": level, "post_adcode_source": None}
    found = article_division(level, divisions)
    return {**found, "post_level": level, "post_adcode_source": "article" if found["post_adcode"] else None}


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

"""Link place mentions to administrative divisions, one article at a time.

A mention's surface (spaces removed) is read as a chain of division names, longest names first:
`重庆市江津区` = 重庆市 + 江津区, `某某街道某某社区` = township + village; each name of the chain
must lie inside the one before it (the hierarchy). The last name is the place; its candidates are
the divisions with that full name (`exact`) or short form (`short`: 渝中 → 渝中区, 伊犁州 →
伊犁哈萨克自治州). One candidate left: linked. Several: the article decides (`context`) — the
places of the article already linked without doubt, plus the paper's home area, vote for the
candidate sharing the deepest ancestor with them (same county beats same city beats same
province); a unique best candidate wins, resolved places join the context, and this repeats until
nothing changes. Still several: `ambiguous`, adcode null, `candidates` = how many — never a
confident wrong code. A surface that is no division (秦巴山区, 成渝地区, a development zone) is
`other` with resolution `none`.

Shapes: `link_article(surfaces, home)` takes the article's place surfaces (strings) and the home
area's division indices and returns one `Link` per surface, in order.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from pipeline.places.gazetteer import TOWNSHIP_SUFFIXES, Gazetteer, gazetteer, village_counties

VILLAGE_SUFFIXES = ("村", "社区", "居委会", "嘎查", "组")
COMMON_VILLAGE_WORDS = ("乡村", "农村", "山村", "渔村", "新村", "城中村", "示范村", "重点村", "贫困村", "社区")
MAX_NAME = 20


@dataclass(frozen=True)
class Link:
    """Where a mention points: the division (index into the gazetteer) or why none."""

    index: int | None  # the division, or None (ambiguous / not a division)
    level: str  # province/city/county/township/village/other
    resolution: str  # exact / short / context / ambiguous / none
    candidates: int  # divisions that matched before context chose one
    village: str | None = None  # the village's own name when level is village (index is its county)


@dataclass
class _Reading:
    """One surface read as a division chain: candidate indices of its last name and how it was found."""

    candidates: list[int]
    kind: str  # exact / short / village / stem (a township name without 镇/乡/街道)
    village: str | None = None


def _lookup(g: Gazetteer, name: str, last: bool) -> list[tuple[list[int], str]]:
    """Ways to read one name: (candidates, kind)."""
    out = []
    if name in g.full:
        out.append((g.full[name], "exact"))
    if name in g.short:
        out.append((g.short[name], "short"))
    if last and name.endswith(VILLAGE_SUFFIXES) and len(name) >= 3 and not out:
        counties = [g.by_code[c] for c in village_counties(name) if c in g.by_code]
        if counties:
            out.append((counties, "village"))
    return out


def _inside(g: Gazetteer, child: int, parents: set[int], how: str) -> bool:
    """Whether a candidate of the next name lies inside one of the previous name's candidates
    (a village's candidate is its county: it must be that county, or hold that township)."""
    if how == "village":
        return child in parents
    return any(i in parents for i in g.chain(child)[:-1])


@lru_cache(maxsize=65536)
def chain_names(text: str) -> tuple[str, ...] | None:
    """`text` (no spaces) split into division names, longest first from the left, each followed by
    a readable rest (重庆市江津区 → 重庆市, 江津区); None when it does not split so."""
    g = gazetteer()
    if not text or len(text) > 3 * MAX_NAME:
        return None

    def split(pos: int) -> list[str] | None:
        if pos == len(text):
            return []
        for end in range(min(len(text), pos + MAX_NAME), pos + 1, -1):
            name = text[pos:end]
            if _lookup(g, name, end == len(text)):
                rest = split(end)
                if rest is not None:
                    return [name, *rest]
        return None

    names = split(0)
    return tuple(names) if names else None


@lru_cache(maxsize=65536)
def read(surface: str) -> _Reading | None:
    """The surface as a chain of division names (None when it is no division): candidates of the
    last name that lie inside the names before it."""
    g = gazetteer()
    text = re.sub(r"\s+", "", surface)
    if not text or len(text) > 3 * MAX_NAME:
        return None
    names = chain_names(text)
    if not names:
        # A township's stem alone (月城 for 月城镇), or with another township word than the table's
        # (a 乡 made a 镇, a 镇 made a 街道 since the table was drawn): only ever linked when the
        # article's county holds it.
        stem = next((text[: -len(s)] for s in TOWNSHIP_SUFFIXES if text.endswith(s) and len(text) - len(s) >= 2), text)
        stems = g.township_short.get(stem)
        return _Reading(list(stems), "stem") if stems else None
    allowed: set[int] | None = None
    kind, village = "exact", None
    for k, name in enumerate(names):
        last = k == len(names) - 1
        readings = _lookup(g, name, last)
        cands: list[int] = []
        for found, how in readings:
            if allowed is not None:
                found = [i for i in found if _inside(g, i, allowed, how)]
            if found and not cands:
                cands, kind = list(dict.fromkeys(found)), how
        if not cands:
            return None
        allowed = set(cands) | {c for i in cands if (c := g.county_of(i)) is not None}
        if last and kind == "village":
            village = name
    return _Reading(cands, kind, village)


def _unlisted_village(surface: str) -> bool:
    """A name shaped like a village's (two or more characters before 村/社区/嘎查/居委会), not a
    common word ending like one (乡村, 农村, 新农村)."""
    text = re.sub(r"\s+", "", surface)
    suffix = next((s for s in VILLAGE_SUFFIXES if text.endswith(s) and s != "组"), None)
    return suffix is not None and 2 <= len(text) - len(suffix) <= 6 and not text.endswith(COMMON_VILLAGE_WORDS)


def _affinity(g: Gazetteer, index: int, context: set[int]) -> int:
    """How many levels of `index`'s chain are in the context's chains (3 = same county)."""
    return sum(1 for i in g.chain(index) if i in context)


def home_indices(home: str | None) -> list[int]:
    """The divisions a home-area setting names (`重庆市江津区`, `江津区` or `500116`); [] when unknown or ambiguous."""
    if not home:
        return []
    g = gazetteer()
    if home.isdigit():
        return [g.by_code[home]] if home in g.by_code else []
    found = read(home)
    return found.candidates if found and len(found.candidates) == 1 else []


def link_article(surfaces: list[str], home: list[int] | tuple[int, ...] = ()) -> list[Link]:
    """One Link per surface; context from the article's unambiguous places and the home area."""
    g = gazetteer()
    readings = [read(s) for s in surfaces]
    chosen: list[int | None] = [r.candidates[0] if r and len(r.candidates) == 1 and r.kind != "stem" else None for r in readings]
    how: list[str | None] = [(r.kind if r.kind != "village" else "exact") if c is not None else None for r, c in zip(readings, chosen)]
    changed = True
    while changed:
        changed = False
        context = {j for c in chosen if c is not None for j in g.chain(c)} | {j for h in home for j in g.chain(h)}
        if not context:
            break
        for k, r in enumerate(readings):
            if r is None or chosen[k] is not None:
                continue
            scores = [_affinity(g, i, context) for i in r.candidates]
            best = max(scores)
            # a stem needs its county in the context (its chain then shares province, city, county)
            enough = best >= 3 if r.kind == "stem" else best >= 2 if g.items[r.candidates[0]].level == "township" or r.kind == "village" else best >= 1
            if enough and scores.count(best) == 1:
                chosen[k], how[k], changed = r.candidates[scores.index(best)], "context", True
    # A township, village or county short form named alone, in an article whose other places all
    # lie in other provinces, is more likely a namesake (or a word) than that far unit.
    provinces = Counter(g.chain(c)[0] for c in chosen if c is not None)
    provinces.update(g.chain(h)[0] for h in home)
    for k, c in enumerate(chosen):
        if c is not None and how[k] != "context" and g.items[c].level in ("township", "county") and readings[k].kind in ("exact", "village", "short"):
            if readings[k].kind == "exact" and g.items[c].level == "county":
                continue  # a county's full name is specific enough; its short form (老城) is not
            own = g.chain(c)[0]
            if provinces[own] == 1 and sum(provinces.values()) > 1:
                chosen[k], how[k] = None, None
    # A village or community the table does not list (named or merged since it was drawn) lies in
    # the article's county when its linked places all lie in one county.
    counties = {g.county_of(c) for c in chosen if c is not None and g.items[c].level in ("county", "township")} | {g.county_of(h) for h in home if g.items[h].level in ("county", "township")}
    only_county = next(iter(counties)) if len(counties) == 1 else None
    links = []
    for surface, r, c, h in zip(surfaces, readings, chosen, how):
        if r is None and only_county is not None and _unlisted_village(surface):
            links.append(Link(only_county, "village", "context", 0, re.sub(r"\s+", "", surface)))
            continue
        if r is None or (r.kind == "stem" and c is None) or all(g.is_zone(i) for i in r.candidates):
            links.append(Link(None, "other", "none", 0))
            continue
        level = "village" if r.kind == "village" else g.items[r.candidates[0]].level if c is None else g.items[c].level
        if c is not None and level != "village" and g.is_zone(c):
            links.append(Link(None, "other", "none", 0))
        elif c is None:
            links.append(Link(None, level, "ambiguous", len(r.candidates), r.village))
        else:
            links.append(Link(c, level, h or "exact", len(r.candidates), r.village))
    return links


def describe(link: Link) -> dict:
    """The table columns of a link: name, adcode, level, province, city, county, resolution, candidates."""
    g = gazetteer()
    row = {"name": None, "adcode": None, "level": link.level, "province": None, "city": None, "county": None, "resolution": link.resolution, "candidates": link.candidates}
    if link.index is not None:
        row.update(g.names(link.index))
        row["adcode"] = g.code(link.index)
        row["name"] = link.village or g.items[link.index].name
    return row

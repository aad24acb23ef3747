"""The place a post is about: `某某区` in `中共某某区委书记`, linked to its division.

Called by the relate stage for each officials row (columns post_place, post_adcode). Only a place
written at the start of the post counts (after 中共 or 原/代 qualifiers), read as the longest
chain of full division names (重庆市江津区, 江津区, 某某镇); a bare 区委/县政协 names none. The
article's other place mentions are the context that picks between same-named divisions, as in
the places table (pipeline/places/link.py); ambiguous → None, never a confident wrong code.
"""

from __future__ import annotations

from functools import lru_cache

from pipeline.places.filters import SUFFIXES
from pipeline.places.link import describe, link_article, read

PREFIXES = ("中共", "原", "代", "时任")


@lru_cache(maxsize=16384)
def post_prefix(post: str) -> str | None:
    """The division name(s) written at the start of a post, or None."""
    text = post
    for prefix in PREFIXES:
        if text.startswith(prefix):
            text = text[len(prefix) :]
    for end in range(min(len(text), 24), 1, -1):
        name = text[:end]
        if name.endswith(SUFFIXES) and (found := read(name)) is not None and found.kind in ("exact", "village"):
            return name
    return None


def post_place(post: str | None, context: list[str] | tuple[str, ...] = (), home: list[int] | tuple[int, ...] = ()) -> dict:
    """{'post_place': standard name, 'post_adcode': code} of the place a post names (None when none
    or ambiguous); `context` = the article's place mentions as written."""
    name = post_prefix(post) if isinstance(post, str) else None
    if name is None:
        return {"post_place": None, "post_adcode": None}
    link = link_article([*context, name], home)[-1]
    row = describe(link)
    return {"post_place": row["name"] or name, "post_adcode": row["adcode"]}

"""places stage: articles + entities (+ pages for raw offsets) → places, every place mention linked to its division.

Mentions come from three sources (column `source`): `ner` — top-level LOC entities; `nested` —
LOC entities inside an ORG or TITLE (某某区 in 中共某某区委, kept with `nested_in`); `gazetteer` —
division names the NER missed, found by scanning the text outside every entity
(pipeline/places/scan.py: full names always, short forms and township stems only next to the
article's other places). Each mention is linked to a division of jionlp's table
(pipeline/places/link.py): exact full name, short form, the article's other places and the
paper's home area (config `places.home_area`) as context, the hierarchy inside a written chain
(重庆市江津区); ambiguous mentions keep adcode null and their candidate count. Places that are no
division (秦巴山区, a development zone) are rows with level `other`; roads, rivers, facilities and
parks (某某路, 某某河, 某某公园: data/places/not_place_endings.txt) are no places and get no row.
"""

from __future__ import annotations

import re

import pandas as pd
import pyarrow as pa

from pipeline.config import PlacesConfig
from pipeline.offsets import clean_to_raw_span
from pipeline.schemas import PLACES

IMPLEMENTED = True
VERSION = "2"  # 2: no rows for roads/rivers/facilities, township stems need the full name


def _context_chains(links) -> set[int]:
    from pipeline.places.gazetteer import gazetteer

    g = gazetteer()
    return {j for link in links if link.index is not None for j in g.chain(link.index)}


def _keep_scanned(link, kind: str, context: set[int], named: set[int]) -> bool:
    """A scanned name is kept only when it links to a division sharing the city (or, for a township,
    the county) of a place already found or of the home area: a string match alone is no evidence
    (on the real-news train split, every scanned full name kept without context was a false place:
    a conjunction (和县), a common word (城区)). A township stem (八都 for 八都镇) is kept only when the
    article also names that township in full (`named`): a stem is a short word (白清 in 白清寨, 山庄
    in a project's name) and on the real-news train split every stem scanned without it was no place."""
    from pipeline.places.gazetteer import gazetteer

    if link.index is None:
        return False
    if kind == "short" and link.level == "township":
        return link.index in named
    shared = sum(1 for i in gazetteer().chain(link.index) if i in context)
    return shared >= (3 if link.level == "township" else 2)


def _article_rows(article, mentions: list[tuple[int, int, str | None, str]], taken: list[tuple[int, int]], home: list[int], config: PlacesConfig) -> list[dict]:
    """Link one article's mentions (start, end, nested_in, source) and add the scanned ones
    (outside the `taken` spans of its top-level entities)."""
    from pipeline.places.filters import in_name, is_facility, is_generic
    from pipeline.places.link import describe, link_article
    from pipeline.places.scan import scan

    text = article.text if isinstance(article.text, str) else ""
    mentions = [m for m in mentions if not is_generic(text[m[0] : m[1]]) and (m[3] != "ner" or not in_name(text, m[0], m[1]))]
    surfaces = [text[s:e] for s, e, _, _ in mentions]
    links = link_article(surfaces, home)
    if config.scan:
        found = scan(text, taken)
        if found:
            context = _context_chains(links) | _context_chains_home(home)
            named = {link.index for link in links if link.index is not None}
            scanned_links = link_article(surfaces + [text[s:e] for s, e, _ in found], home)[len(mentions) :]
            named |= {l.index for (_, _, kind), l in zip(found, scanned_links) if kind == "full" and l.index is not None}
            kept = [(m, l) for m, l in zip(found, scanned_links) if _keep_scanned(l, m[2], context, named)]
            if kept:
                mentions = mentions + [(s, e, None, "gazetteer") for (s, e, _), _ in kept]
                links = link_article([text[s:e] for s, e, _, _ in mentions], home)
    rows = []
    for (start, end, nested_in, source), link in zip(mentions, links):
        if link.level == "other" and is_facility(text[start:end]):
            continue  # a road, river, facility or park: not a place (data/places/not_place_endings.txt)
        rows.append(
            {
                "place_id": f"{article.article_id}:{start}:{end}",
                "article_id": article.article_id,
                "doc_id": article.doc_id,
                "text": re.sub(r"\s+", "", text[start:end]),
                "start": start,
                "end": end,
                "nested_in": nested_in,
                "source": source,
                **describe(link),
            }
        )
    return rows


def _context_chains_home(home: list[int]) -> set[int]:
    from pipeline.places.gazetteer import gazetteer

    g = gazetteer()
    return {j for h in home for j in g.chain(h)}


def places(articles: pd.DataFrame, entities: pd.DataFrame, pages: pd.DataFrame, config: PlacesConfig) -> pd.DataFrame:
    """One row per place mention of each article, linked to its administrative division."""
    if articles.empty:
        return PLACES.empty_table().to_pandas()
    from pipeline.places.link import home_indices

    home = home_indices(config.home_area)
    offsets_by_doc = dict(zip(pages["doc_id"], pages["offsets"])) if not pages.empty else {}
    by_article: dict[str, tuple[list, list]] = {}
    nested = entities["nested_in"].tolist() if "nested_in" in entities.columns else [None] * len(entities)
    for article_id, start, end, label, holder in zip(entities["article_id"], entities["start"], entities["end"], entities["label"], nested):
        mentions, taken = by_article.setdefault(article_id, ([], []))
        holder = holder if isinstance(holder, str) else None
        if label == "LOC":
            mentions.append((int(start), int(end), holder, "nested" if holder else "ner"))
        if holder is None:
            taken.append((int(start), int(end)))
    rows: list[dict] = []
    for article in articles.itertuples(index=False):
        mentions, taken = by_article.get(article.article_id, ([], []))
        rows += _article_rows(article, sorted(mentions), taken, home, config)
    offsets = {a: (d, s) for a, d, s in zip(articles["article_id"], articles["doc_id"], articles["start"])}
    for row in rows:
        doc_id, base = offsets[row["article_id"]]
        page_offsets = offsets_by_doc.get(doc_id)
        row["raw_start"] = row["raw_end"] = None
        if page_offsets is not None and not pd.isna(base) and int(base) + row["end"] <= len(page_offsets):
            row["raw_start"], row["raw_end"] = clean_to_raw_span(page_offsets, int(base) + row["start"], int(base) + row["end"])
    return pa.Table.from_pylist(rows, schema=PLACES).to_pandas()


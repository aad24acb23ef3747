"""places stage: articles + entities (+ pages for raw offsets, documents for folder home areas) →
places, every place mention linked to its division.

Mentions come from three sources (column `source`): `ner` — top-level LOC entities (a written
chain split into its divisions); `nested` — LOC entities inside an ORG or TITLE (某某区 in
中共某某区委, kept with `nested_in`); `gazetteer` — division names the NER missed, found by
scanning the text outside every entity (pipeline/places/scan.py: full names and short forms next
to the article's other places, township stems once the township is named in full). Each mention
is linked to a division of jionlp's table (pipeline/places/link.py): exact full name, short form,
the article's other places and the paper's home area (config `places.home_area`, or per input
folder `places.folder_home_areas`) as context, the hierarchy inside a written chain (重庆市江津区);
ambiguous mentions keep adcode null and their candidate count. Places that are no division
(秦巴山区, a development zone) are rows with level `other`; roads, rivers, facilities and parks
(某某路, 某某河, 某某公园: data/places/not_place_endings.txt) are no places and get no row.
"""

from __future__ import annotations

import re

import pandas as pd
import pyarrow as pa

from pipeline.config import PlacesConfig
from pipeline.offsets import clean_to_raw_span
from pipeline.schemas import PLACES


def _context_chains(links) -> set[int]:
    from pipeline.places.gazetteer import gazetteer

    g = gazetteer()
    return {j for link in links if link.index is not None for j in g.chain(link.index)}


def _keep_scanned(link, context: set[int]) -> bool:
    """A scanned name is kept only when it links to a division sharing the city (or, for a township,
    the county) of a place already found or of the home area: a string match alone is no evidence
    (on the real-news train split, every scanned full name kept without context was a false place:
    a conjunction (和县), a common word (城区))."""
    from pipeline.places.gazetteer import gazetteer

    if link.index is None:
        return False
    shared = sum(1 for i in gazetteer().chain(link.index) if i in context)
    return shared >= (3 if link.level == "township" else 2)


def _with_scanned(text: str, mentions: list, links: list, taken: list[tuple[int, int]], home: list[int]) -> tuple[list, list]:
    """The mentions and links plus the division names the NER missed (pipeline/places/scan.py):
    full names and short forms next to the article's places, then the stems of the townships the
    article names in full (八都 once 八都镇 is named: a stem alone is a short word, 白清 in 白清寨,
    and on the real-news train split every stem scanned without its full name was no place)."""
    from pipeline.places.gazetteer import gazetteer
    from pipeline.places.link import link_article
    from pipeline.places.scan import scan, stems

    def add(found, keep):
        surfaces = [text[s:e] for s, e, _, _ in mentions]
        new_links = link_article(surfaces + [text[s:e] for s, e, _ in found], home)[len(mentions) :]
        kept = [(s, e, None, "gazetteer") for (s, e, _), link in zip(found, new_links) if keep(link)]
        if not kept:
            return mentions, links
        more = mentions + kept
        return more, link_article([text[s:e] for s, e, _, _ in more], home)

    context = _context_chains(links) | _context_chains_home(home)
    mentions, links = add(scan(text, taken), lambda link: _keep_scanned(link, context))
    g = gazetteer()
    named = {link.index for link in links if link.index is not None and link.level == "township"}
    if named:
        spans = taken + [(s, e) for s, e, _, _ in mentions]
        mentions, links = add(stems(text, spans, [g.items[i].name for i in named]), lambda link: link.index in named)
    return mentions, links


# What may follow a division name inside one NER span without the span being a longer place name
# (乡村 is 乡 + 村, not 某某乡 + 村): a trailing organisation or group (党委, 考察团) is cut off.
PLACE_CONTINUATIONS = ("村", "镇", "乡", "街", "社", "区", "县", "市", "州", "旗", "盟", "省", "组")


def _units(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The division names an NER place span holds, one span each: a written chain (某某县某某乡) is
    one place per unit, as the annotation counts them; a division followed by an organisation or
    group the NER swallowed (某某县党政考察团) is cut to the division. Other spans stay whole."""
    from pipeline.places.filters import SUFFIXES
    from pipeline.places.link import chain_names, read

    at = [k for k in range(start, end) if not text[k].isspace()]
    compact = "".join(text[k] for k in at)
    if read(compact) is None:
        for cut in range(len(compact) - 1, 1, -1):
            head = compact[:cut]
            if head.endswith(SUFFIXES) and not compact[cut:].startswith(PLACE_CONTINUATIONS) and (found := read(head)) is not None and found.kind in ("exact", "village"):
                compact = head
                break
    names = chain_names(compact) if read(compact) is not None else None
    if not names or (len(names) == 1 and len(compact) == len(at)):
        return [(start, end)]
    spans, pos = [], 0
    for name in names:
        spans.append((at[pos], at[pos + len(name) - 1] + 1))
        pos += len(name)
    return spans


def _article_rows(article, mentions: list[tuple[int, int, str | None, str]], taken: list[tuple[int, int]], home: list[int], config: PlacesConfig) -> list[dict]:
    """Link one article's mentions (start, end, nested_in, source) and add the scanned ones
    (outside the `taken` spans of its top-level entities)."""
    from pipeline.places.filters import in_name, is_facility, is_generic
    from pipeline.places.link import describe, link_article

    text = article.text if isinstance(article.text, str) else ""
    mentions = [m for m in mentions if not is_generic(text[m[0] : m[1]]) and (m[3] != "ner" or not in_name(text, m[0], m[1]))]
    mentions = [(s, e, holder, source) for start, end, holder, source in mentions for s, e in (_units(text, start, end) if source == "ner" else [(start, end)])]
    surfaces = [text[s:e] for s, e, _, _ in mentions]
    links = link_article(surfaces, home)
    if config.scan:
        mentions, links = _with_scanned(text, mentions, links, taken, home)
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


def places(articles: pd.DataFrame, entities: pd.DataFrame, pages: pd.DataFrame, documents: pd.DataFrame, config: PlacesConfig) -> pd.DataFrame:
    """One row per place mention of each article, linked to its administrative division; the home
    area of an article is its folder's (`folder_home_areas`, by documents.path) or `home_area`."""
    if articles.empty:
        return PLACES.empty_table().to_pandas()
    from pipeline.places.link import home_indices

    default_home = home_indices(config.home_area)
    paths = dict(zip(documents["doc_id"], documents["path"])) if "path" in documents.columns else {}

    def home_of(doc_id: str) -> list[int]:
        """The home area of the longest configured folder holding the document, else home_area."""
        path = paths.get(doc_id) or ""
        folders = [f for f in config.folder_home_areas if path == f or path.startswith(f.rstrip("/") + "/")]
        return home_indices(config.folder_home_areas[max(folders, key=len)]) if folders else default_home

    offsets_by_doc = dict(zip(pages["doc_id"], pages["offsets"])) if not pages.empty else {}
    by_article: dict[str, tuple[list, list]] = {}
    nested = entities["nested_in"].tolist() if "nested_in" in entities.columns else [None] * len(entities)
    columns = (entities[name].tolist() for name in ("article_id", "start", "end", "label"))  # plain lists: iterating the Arrow-backed columns costs per element
    for article_id, start, end, label, holder in zip(*columns, nested):
        mentions, taken = by_article.setdefault(article_id, ([], []))
        holder = holder if isinstance(holder, str) else None
        if label == "LOC":
            mentions.append((int(start), int(end), holder, "nested" if holder else "ner"))
        if holder is None:
            taken.append((int(start), int(end)))
    rows: list[dict] = []
    for article in articles.itertuples(index=False):
        mentions, taken = by_article.get(article.article_id, ([], []))
        rows += _article_rows(article, sorted(mentions), taken, home_of(article.doc_id), config)
    offsets = {a: (d, s) for a, d, s in zip(articles["article_id"], articles["doc_id"], articles["page_start"])}
    for row in rows:
        doc_id, base = offsets[row["article_id"]]
        page_offsets = offsets_by_doc.get(doc_id)
        row["raw_start"] = row["raw_end"] = None
        if page_offsets is not None and not pd.isna(base) and int(base) + row["end"] <= len(page_offsets):
            row["raw_start"], row["raw_end"] = clean_to_raw_span(page_offsets, int(base) + row["start"], int(base) + row["end"])
    return pa.Table.from_pylist(rows, schema=PLACES).to_pandas()


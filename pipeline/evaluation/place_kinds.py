"""places errors of the real-news evaluation, counted by kind (issue #15).

Counts only, so the measuring split can be diagnosed without reading its texts or its items.
Each missed gold place (false negative) and each spurious predicted place (false positive) is put
in the first kind that explains it; positions are raw offsets (the places table's raw_start/raw_end,
the gold string's occurrences in the article text, spaces allowed between its characters):
  boundary          a predicted place overlaps an occurrence of a gold place (cut or over-long)
  inside an entity  (missed) every occurrence lies inside a top-level PER/ORG/TITLE entity
  division          (missed) a full division name (江津区, 新民镇, 某某村)
  short form        (missed) a short form (江津, 伊犁州) or township stem (月城)
  not a division    (missed) no division reads it (秦巴山区, 成渝地区, a mountain)
  <source> <class>  (spurious) the row's source (ner, nested, gazetteer) and whether it was linked
                    to a division (`division`), found ambiguous (`ambiguous`) or is no division (`other`)
The adcode side (`coverage`): each gold division place of data/eval/places_adcodes.tsv is
  coded / not found (no row with that text) / ambiguous (rows, adcode null) / other (rows, level other).

    python -m pipeline.evaluation.place_kinds CORPUS.jsonl OUTPUT_DIR
"""

from __future__ import annotations

import argparse
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pandas as pd

MISSED = ("boundary", "inside an entity", "division", "short form", "not a division")
CONTAINERS = ("PER", "ORG", "TITLE")


def norm(text: str | None) -> str:
    """NFKC, whitespace removed: how the reference scorer compares strings."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def _occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of `surface` in `text`, whitespace allowed between characters."""
    chars = [re.escape(c) for c in norm(surface)]
    if not chars:
        return []
    return [(m.start(), m.end()) for m in re.finditer(r"\s*".join(chars), text)]


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in spans)


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in spans)


def _reading_kind(surface: str) -> str:
    from pipeline.places.link import read

    found = read(surface)
    if found is None:
        return "not a division"
    return "short form" if found.kind in ("short", "stem") else "division"


def place_error_kinds(tables: dict[str, pd.DataFrame], articles: list[dict], gold_codes: dict[tuple[str, str], str]) -> dict:
    """{'missed': {kind: n}, 'spurious': {kind: n}, 'coverage': {state: n}, 'correct': {source: n}}
    over the articles (`correct`: gold places found, by the source of their first row). `tables`:
    the run's documents, places and entities; `gold_codes`: (article id, place) → adcode, as
    realnews_eval.read_places_gold reads data/eval/places_adcodes.tsv."""
    documents, places, entities = (tables.get(name, pd.DataFrame()) for name in ("documents", "places", "entities"))
    id_of = {d: Path(str(p)).stem for d, p in zip(documents.get("doc_id", []), documents.get("path", []))}
    rows: dict[str, list[dict]] = {}
    for row in places.to_dict("records"):
        rows.setdefault(id_of.get(row["doc_id"], ""), []).append(row)
    containers: dict[str, list[tuple[int, int]]] = {}
    if len(entities):
        top = entities[entities["label"].isin(CONTAINERS)]
        if "nested_in" in top.columns:
            top = top[top["nested_in"].isna()]
        for doc_id, start, end in zip(top["doc_id"], top["raw_start"], top["raw_end"]):
            if not pd.isna(start):
                containers.setdefault(id_of.get(doc_id, ""), []).append((int(start), int(end)))
    missed, spurious, coverage, correct = Counter(), Counter(), Counter(), Counter()
    for article in articles:
        text, mine = article["text"], rows.get(article["id"], [])
        spans = [(int(r["raw_start"]), int(r["raw_end"])) for r in mine if not pd.isna(r["raw_start"])]
        predicted = {norm(r["text"]) for r in mine}
        gold = {norm(g) for g in article.get("places", [])}
        gold_spans = [span for g in gold for span in _occurrences(text, g)]
        for g in gold - predicted:
            where = _occurrences(text, g)
            if any(_overlaps(w, spans) for w in where):
                kind = "boundary"
            elif where and all(_inside(w, containers.get(article["id"], [])) for w in where):
                kind = "inside an entity"
            else:
                kind = _reading_kind(g)
            missed[kind] += 1
        seen = set()
        for r in mine:
            surface = norm(r["text"])
            if surface in seen:
                continue
            seen.add(surface)
            if surface in gold:
                correct[r["source"]] += 1
                continue
            span = (int(r["raw_start"]), int(r["raw_end"])) if not pd.isna(r["raw_start"]) else None
            if span is not None and _overlaps(span, gold_spans):
                spurious["boundary"] += 1
                continue
            linked = "division" if isinstance(r["adcode"], str) else "ambiguous" if r["resolution"] == "ambiguous" else "other"
            spurious[f"{r['source']} {linked}"] += 1
        for (article_id, place), _code in gold_codes.items():
            if article_id != article["id"]:
                continue
            found = [r for r in mine if norm(r["text"]) == place]
            if not found:
                coverage["not found"] += 1
            elif any(isinstance(r["adcode"], str) for r in found):
                coverage["coded"] += 1
            elif any(r["resolution"] == "ambiguous" for r in found):
                coverage["ambiguous"] += 1
            else:
                coverage["other"] += 1
    order = {k: i for i, k in enumerate(MISSED)}
    return {
        "missed": dict(sorted(missed.items(), key=lambda kv: order[kv[0]])),
        "spurious": dict(sorted(spurious.items(), key=lambda kv: (-kv[1], kv[0]))),
        "coverage": dict(coverage.most_common()),
        "correct": dict(correct.most_common()),
    }


def describe(kinds: dict) -> str:
    """One line: `missed 9 (boundary 3, …); spurious 28 (ner other 10, …); coverage (coded 80, …)`."""
    parts = []
    for side in ("correct", "missed", "spurious", "coverage"):
        counts = kinds.get(side, {})
        detail = ", ".join(f"{k} {v}" for k, v in counts.items())
        parts.append(f"{side} {sum(counts.values())}" + (f" ({detail})" if detail else ""))
    return "; ".join(parts)


def main() -> None:
    from pipeline.evaluation.realnews_eval import PLACES_GOLD, _table, read_corpus, read_places_gold

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path, help="a realnews .jsonl file")
    parser.add_argument("output", type=Path, help="a difang output folder of a run over that corpus (one <id>.txt per article)")
    args = parser.parse_args()
    tables = {name: _table(args.output, name) for name in ("documents", "places", "entities")}
    print(describe(place_error_kinds(tables, read_corpus(args.corpus), read_places_gold(PLACES_GOLD))))


if __name__ == "__main__":
    main()

"""The figures view: every reported figure by metric family (what kind of figure: trade, investment,
income…) and place (the division its article is about), instead of by the exact metric phrase.

Families come from data/metrics/families.txt (longest keyword in the metric phrase); a phrase with no
keyword falls back to its value kind. The place of a figure is the division it names itself
(metrics.metric_place: in its subject or metric phrase), else the county-level division its article
names most often in the places table (else the city, the province, or the most named place as
written); figures of articles naming no place are grouped as "place not stated".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from pipeline.report.order import as_date, natural_key

FAMILIES_FILE = Path(__file__).resolve().parents[2] / "data" / "metrics" / "families.txt"
# Phrases with no family keyword, by value kind; and figures with no metric phrase at all.
FALLBACK = {"MONEY": ("other-money", "其他金额"), "PERCENT": ("other-ratio", "其他比率"), "QUANTITY": ("other-count", "其他数量")}
NO_METRIC = ("no-metric", "未识别指标")
NO_PLACE = "place not stated"
# Figures listed per (family, place) on a family page; the rest are counted, never dropped silently.
ROWS_PER_PLACE = 300


@dataclass(frozen=True)
class Family:
    key: str
    label: str
    keywords: tuple[str, ...]


@lru_cache(maxsize=1)
def families(path: Path = FAMILIES_FILE) -> tuple[Family, ...]:
    """The families of data/metrics/families.txt, in file order."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("#", 1)[0].split()
        if len(parts) >= 3:
            rows.append(Family(parts[0], parts[1], tuple(k.casefold() for k in parts[2:])))
    return tuple(rows)


@lru_cache(maxsize=65536)
def family_of(metric, value_kind=None) -> tuple[str, str]:
    """(key, label) of the family of a metric phrase: the longest keyword it contains wins, the first
    listed family on a tie; else by value kind (其他金额/其他比率/其他数量)."""
    if metric is None or pd.isna(metric) or not str(metric).strip():
        return NO_METRIC
    phrase = str(metric).casefold()
    best, best_len = None, 0
    for family in families():
        for keyword in family.keywords:
            if len(keyword) > best_len and keyword in phrase:
                best, best_len = family, len(keyword)
    if best is not None:
        return best.key, best.label
    return FALLBACK.get(str(value_kind), FALLBACK["QUANTITY"])


def article_places(places: pd.DataFrame | None) -> dict[str, str]:
    """article_id → the place its figures are about: the county-level division named most often in
    the article (ties: first named), else the city, the province, else the most named mention."""
    if places is None or places.empty:
        return {}
    out = {}
    for article_id, rows in places.groupby("article_id", sort=False):
        for column in ("county", "city", "province", "name", "text"):
            if column not in rows:
                continue
            names = [str(v) for v in rows[column] if v is not None and not pd.isna(v) and str(v)]
            if names:
                out[article_id] = Counter(names).most_common(1)[0][0]
                break
    return out


def figure_table(metrics: pd.DataFrame, places: pd.DataFrame | None, hrefs: dict[str, str]) -> pd.DataFrame:
    """metrics with family_key, family, place (metric_place, else the article's) and href (the
    article's page) added."""
    frame = metrics.copy()
    keys = [family_of(None if pd.isna(m) else m, None if pd.isna(k) else k) for m, k in zip(frame["metric"], frame["value_kind"])]
    frame["family_key"] = [k for k, _ in keys]
    frame["family"] = [label for _, label in keys]
    by_article = article_places(places)
    own = frame["metric_place"] if "metric_place" in frame else [None] * len(frame)
    frame["place"] = [p if isinstance(p, str) and p else by_article.get(a, NO_PLACE) for p, a in zip(own, frame["article_id"])]
    frame["href"] = [hrefs.get(a, "") for a in frame["article_id"]]
    return frame


def place_order(frame: pd.DataFrame) -> list[str]:
    """Places by number of figures (most first, names naturally on ties), "place not stated" last."""
    counts = frame["place"].value_counts()
    named = sorted((p for p in counts.index if p != NO_PLACE), key=lambda p: (-counts[p], natural_key(p)))
    return named + ([NO_PLACE] if NO_PLACE in counts.index else [])


def family_order(frame: pd.DataFrame) -> list[tuple[str, str]]:
    """(key, label) of the families present: listed families in file order, then the fallbacks."""
    present = set(frame["family_key"])
    known = [(f.key, f.label) for f in families()] + list(FALLBACK.values()) + [NO_METRIC]
    return [(key, label) for key, label in known if key in present]


@dataclass
class Matrix:
    """Figures per family × place, for the figures page's table."""

    places: list[str]  # columns: the top places, then "other places" when there are more
    shown: int  # how many of the columns are places (the first ones, in place_order)
    rows: list[dict]  # key, label, total, cells (counts per column), top (most frequent phrases)


def family_matrix(frame: pd.DataFrame, max_places: int = 12, top_phrases: int = 6) -> Matrix:
    """Counts per family and place (the `max_places` places with most figures, the rest summed)."""
    order = place_order(frame)
    shown = order[:max_places]
    columns = shown + (["other places"] if len(order) > max_places else [])
    rows = []
    for key, label in family_order(frame):
        mine = frame[frame["family_key"] == key]
        per_place = mine["place"].value_counts()
        cells = [int(per_place.get(p, 0)) for p in shown]
        if len(columns) > len(shown):
            cells.append(int(per_place.sum()) - sum(cells))
        phrases = mine["metric"].fillna("").value_counts()
        top = [(str(m), int(n)) for m, n in phrases.items() if m][:top_phrases]
        rows.append({"key": key, "label": label, "total": len(mine), "cells": cells, "top": top})
    return Matrix(places=columns, shown=len(shown), rows=rows)


def family_groups(frame: pd.DataFrame, key: str, limit: int = ROWS_PER_PLACE) -> list[dict]:
    """The figures of family `key` by place: identical figures (same metric, value as written,
    qualifier, period, subject) folded into one row with their count, earliest date and first article;
    rows by metric phrase (natural order), larger values first."""
    fold = ["metric", "value_text", "qualifier", "period", "subject"]
    shown = [c for c in [*fold, "value_norm", "base_unit", "value_kind", "date", "href", "place"] if c in frame]
    mine = frame.loc[frame["family_key"] == key, shown]
    groups = []
    for place, rows in mine.groupby("place", sort=False):
        folded: dict[tuple, dict] = {}
        for row in rows.to_dict("records"):
            for column in fold:
                row[column] = "" if row[column] is None or pd.isna(row[column]) else row[column]
            seen = folded.setdefault(tuple(row[c] for c in fold), {**row, "n": 0, "date": None})
            seen["n"] += 1
            date = as_date(row["date"])
            if date is not None and (seen["date"] is None or date < seen["date"]):
                seen["date"] = date
        ordered = sorted(folded.values(), key=lambda r: (natural_key(r["metric"]), -_number(r["value_norm"])))
        groups.append({"place": place, "figures": len(rows), "rows": ordered[:limit], "more": max(0, len(ordered) - limit)})
    order = {place: i for i, place in enumerate(place_order(mine))}
    return sorted(groups, key=lambda g: order[g["place"]])


def _number(value) -> float:
    return 0.0 if value is None or pd.isna(value) else float(value)

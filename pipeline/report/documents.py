"""One document's page data: its articles with highlighted text, officials and figures, taken from
the run's tables as Arrow slices (pandas' per-group take on Arrow strings cost most of the build)."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pipeline.report.data import RunData
from pipeline.report.highlight import highlight

OFFICIAL_COLUMNS = ["person", "post", "post_org", "post_place", "post_level", "post_role", "qualifier", "from_byline", "date", "evidence"]
METRIC_COLUMNS = ["metric", "value_text", "value_norm", "base_unit", "value_kind", "qualifier", "period", "subject", "evidence"]
# (label, then (start, end) column pairs, the first present wins) of the offsets an article shows.
ARTICLE_OFFSETS = (
    ("page offsets", ("page_start", "page_end"), ("start", "end")),
    ("body", ("body_page_start", "body_page_end"), ("body_start", "body_end")),
    ("raw offsets", ("raw_start", "raw_end")),
)


def clean_value(value):
    """Nulls (None, NaN, NA) as empty strings, numpy arrays as lists: values ready for the template."""
    if value is None:
        return ""
    if hasattr(value, "tolist") and not isinstance(value, str):
        return value.tolist()
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return value


def records(frame: pd.DataFrame, columns: list[str] | None = None) -> list[dict]:
    """Rows of `frame` (only `columns` when given, those present) as template-ready dicts."""
    if columns is not None:
        frame = frame[[c for c in columns if c in frame.columns]]
    return [{k: clean_value(v) for k, v in row.items()} for row in frame.to_dict("records")]


def article_anchor(row: dict, position: int) -> str:
    """id of an article on its document's page: its seq, else its position in the document."""
    seq = clean_value(row.get("seq"))
    return f"article-{seq if seq != '' else position}"


def heading(row: dict) -> str:
    return row.get("title") or row.get("kicker") or f"(untitled {row.get('kind') or 'article'})"


class Tables:
    """The run's per-article tables with each document's rows found once, so a document's page
    takes its own rows as a zero-copy Arrow slice."""

    def __init__(self, data: RunData):
        self.tables: dict[str, pa.Table] = {}
        self.spans: dict[str, dict[str, tuple[int, int]]] = {}
        frames = {name: data[name] for name in ("articles", "entities", "officials", "metrics")}
        frames.update({name: frame for name, frame in data.optional.items() if name == "places"})
        for name, frame in frames.items():
            table = pa.Table.from_pandas(frame, preserve_index=False)
            spans = _spans(table.column("doc_id").to_pylist())
            if spans is None:  # a document's rows apart (a run keeps them together): sort, a copy
                table = table.take(pc.sort_indices(table, [("doc_id", "ascending")]))
                spans = _spans(table.column("doc_id").to_pylist())
            self.tables[name], self.spans[name] = table, spans

    def rows(self, name: str, doc_id: str, columns: list[str] | None = None) -> list[dict]:
        """Rows of table `name` for one document (only `columns` when given, those present); none
        when the run has no such table (places is optional)."""
        span = self.spans.get(name, {}).get(doc_id)
        if span is None:
            return []
        table = self.tables[name].slice(*span)
        if columns is not None:
            table = table.select([c for c in [*columns, "article_id"] if c in table.column_names])
        return table.to_pylist()  # nulls are None, which the templates print as nothing

    def by_article(self, name: str, doc_id: str, columns: list[str] | None = None) -> dict[str, list[dict]]:
        grouped: dict[str, list[dict]] = {}
        for row in self.rows(name, doc_id, columns):
            grouped.setdefault(row["article_id"], []).append(row)
        return grouped


def _spans(keys: list) -> dict[str, tuple[int, int]] | None:
    """(offset, length) of each run of equal keys; None when a key has rows in two runs."""
    spans, start = {}, 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[start]:
            if keys[start] in spans:
                return None
            spans[keys[start]] = (start, i - start)
            start = i
    return spans


PLACE_COLUMNS = ["text", "name", "adcode", "level", "province", "city", "county"]


def distinct_places(rows: list[dict]) -> list[dict]:
    """An article's place mentions once per (as written, division), in text order, with a count."""
    seen: dict[tuple, dict] = {}
    for row in rows:
        key = (row.get("text"), row.get("name"), row.get("adcode"))
        if key in seen:
            seen[key]["mentions"] += 1
        else:
            seen[key] = {**row, "mentions": 1}
    return list(seen.values())


def article_views(tables: Tables, doc_id: str) -> list[dict]:
    """The articles of one document in page order, with highlighted text, officials and figures."""
    articles = tables.rows("articles", doc_id)
    articles.sort(key=lambda a: clean_value(a.get("seq")) or 0)
    entities = tables.by_article("entities", doc_id, ["label", "text", "start", "end"])
    officials = tables.by_article("officials", doc_id, OFFICIAL_COLUMNS)
    metrics = tables.by_article("metrics", doc_id, METRIC_COLUMNS)
    places = tables.by_article("places", doc_id, PLACE_COLUMNS)
    views = []
    for position, row in enumerate(articles, start=1):
        article_id = row["article_id"]
        text_html, problems = highlight(row.get("text") or "", entities.get(article_id, []))
        offsets = []
        for label, *pairs in ARTICLE_OFFSETS:
            for start, end in pairs:
                if clean_value(row.get(start)) != "" and clean_value(row.get(end)) != "":
                    offsets.append((label, (row[start], row[end])))
                    break
        views.append(
            {
                "row": row,
                "anchor": article_anchor(row, position),
                "heading": heading(row),
                "text_html": text_html,
                "problems": problems,
                "offsets": offsets,
                "officials": officials.get(article_id, []),
                "metrics": metrics.get(article_id, []),
                "places": distinct_places(places.get(article_id, [])),
            }
        )
    return views

"""relate stage: articles + entities → officials (person → post) and metrics (metric → value)."""

import datetime as dt
import re

import pandas as pd

from pipeline.config import RelateConfig
from pipeline.places.posts import post_place
from pipeline.relations.metrics import relate_metrics
from pipeline.relations.periods import normalise_period
from pipeline.relations.officials import BYLINE_ROLES, Mention, normalise_name, pair_officials, sentence_around
from pipeline.schemas import METRICS, OFFICIALS

IMPLEMENTED = True
VERSION = "7"


def _evidence(text: str, start: int, end: int, limit: int) -> str:
    left, right = sentence_around(text, start, end)
    return re.sub(r"\s+", " ", text[left:right]).strip()[:limit]


def _officials(article, mentions: list[Mention], raw_of: dict, config: RelateConfig) -> list[dict]:
    """One row per (person, post) of the article: the first statement is kept as evidence
    (a byline printed at both ends of a story states the same pair twice)."""
    rows, seen = [], set()
    places = [m.text for m in mentions if m.label == "LOC"]  # context for the post's place (issue 15)
    for pair in pair_officials(article.text, mentions):
        if pair.parts.role in BYLINE_ROLES and not config.bylines_as_posts:
            continue
        key = (normalise_name(pair.person.text), re.sub(r"\s+", "", pair.post.text))
        if key in seen:
            continue
        seen.add(key)
        raw_start, raw_end = raw_of.get((pair.person.start, pair.person.end), (None, None))
        rows.append(
            {
                "official_id": f"{article.article_id}:{pair.person.start}:{pair.post.start}",
                "article_id": article.article_id,
                "doc_id": article.doc_id,
                "person": normalise_name(pair.person.text),
                "post": re.sub(r"\s+", "", pair.post.text),
                "post_org": pair.parts.org,
                **post_place(pair.post.text, places),
                "post_level": pair.parts.level,
                "post_role": pair.parts.role,
                "qualifier": pair.parts.qualifier,
                "from_byline": pair.parts.role in BYLINE_ROLES,
                "evidence": _evidence(article.text, min(pair.person.start, pair.post.start), max(pair.person.end, pair.post.end), config.max_evidence_chars),
                "person_start": pair.person.start,
                "person_end": pair.person.end,
                "post_start": pair.post.start,
                "post_end": pair.post.end,
                "raw_start": raw_start,
                "raw_end": raw_end,
                "date": article.date,
            }
        )
    return rows


def _as_date(value) -> dt.date | None:
    """An article date as datetime.date (pandas gives date, Timestamp, NaT or None)."""
    if value is None or (isinstance(value, float) and value != value) or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value if isinstance(value, dt.date) else None


def _metrics(article, mentions: list[Mention], raw_of: dict, config: RelateConfig) -> list[dict]:
    rows = []
    for found in relate_metrics(article.text, mentions):
        value, figure = found.value, found.figure
        raw_start, raw_end = raw_of.get((value.start, value.end), (None, None))
        has_metric = found.metric_start is not None
        period_start, period_end = normalise_period(found.period, _as_date(article.date))
        rows.append(
            {
                "metric_id": f"{article.article_id}:{value.start}:{value.end}",
                "article_id": article.article_id,
                "doc_id": article.doc_id,
                "metric": re.sub(r"\s+", "", article.text[found.metric_start : found.metric_end]) if has_metric else None,
                "value_text": re.sub(r"\s+", "", value.text),
                "value": figure.value,
                "unit": figure.unit,
                "value_norm": figure.value_norm,
                "value_low": figure.value_low,
                "value_high": figure.value_high,
                "base_unit": figure.base_unit,
                "value_kind": value.label,
                "approximate": figure.approximate,
                "qualifier": found.qualifier,
                "period": found.period,
                "period_start": period_start,
                "period_end": period_end,
                "subject": found.subject,
                "evidence": _evidence(article.text, value.start, value.end, config.max_evidence_chars),
                "start": value.start,
                "end": value.end,
                "metric_start": found.metric_start,
                "metric_end": found.metric_end,
                "raw_start": raw_start,
                "raw_end": raw_end,
                "date": article.date,
            }
        )
    return rows


def _mentions_by_article(entities: pd.DataFrame) -> dict[str, tuple[list[Mention], dict]]:
    """article_id → (mentions, {(start, end): (raw_start, raw_end)}), in one pass over the columns."""
    grouped: dict[str, tuple[list[Mention], dict]] = {}
    if "nested_in" in entities.columns:
        entities = entities[entities["nested_in"].isna()]  # mentions inside a TITLE/ORG are not relation endpoints
    columns = (entities[c].tolist() for c in ("article_id", "start", "end", "label", "text", "raw_start", "raw_end"))
    for article_id, start, end, label, text, raw_start, raw_end in zip(*columns):
        mentions, raw_of = grouped.setdefault(article_id, ([], {}))
        mentions.append(Mention(int(start), int(end), label, text))
        raw_of[(int(start), int(end))] = (raw_start, raw_end)
    return grouped


def relate(articles: pd.DataFrame, entities: pd.DataFrame, config: RelateConfig) -> dict[str, pd.DataFrame]:
    """Pair officials with posts and metrics with values, article by article."""
    by_article = _mentions_by_article(entities)
    officials: list[dict] = []
    metrics: list[dict] = []
    for article in articles.itertuples(index=False):
        found = by_article.get(article.article_id)
        if found is None:
            continue
        mentions, raw_of = found
        if config.officials:
            officials += _officials(article, mentions, raw_of, config)
        if config.metrics:
            metrics += _metrics(article, mentions, raw_of, config)
    return {
        "officials": pd.DataFrame(officials, columns=OFFICIALS.names),
        "metrics": pd.DataFrame(metrics, columns=METRICS.names),
    }

"""registry stage: officials + metrics across all articles → people, careers, figures, divisions.

A person is every officials row with the same `person_id` (pipeline/ids.py): the name plus the place
its post names (江北区政协副主席 → 江北区) and whether it is a journalist (bylines) or an official.
So 王伟 the 渝中区 deputy head and 王伟 the 江北区 reporter stay two people, and since the key is a
function of one row, adding documents never changes an existing person's id (a post without a place
is its own person: merging it into a placed one would change its id when that one turns up later).
"""

import re

import pandas as pd

from pipeline.config import RegistryConfig
from pipeline.ids import person_context, written_place
from pipeline.places.divisions_view import divisions_view
from pipeline.schemas import CAREERS, FIGURES, PEOPLE

YEAR = re.compile(r"((?:19|20)\d{2})年")


def _paper(path: str | None) -> str:
    """The paper a page belongs to: the first folder of its path (flat inputs: one paper, '')."""
    return path.split("/", 1)[0] if path and "/" in path else ""


def _dates(frame: pd.DataFrame) -> tuple:
    dates = frame.date.dropna()
    return (dates.min(), dates.max()) if len(dates) else (None, None)


def _context(row) -> str:
    """people.context of a person from one of its officials rows: what its person_id hashes (the
    place the post writes, not one taken from the article)."""
    return person_context(row.post, row.post_role, written_place(row.post_place, row.post_adcode_source))


def registry(officials: pd.DataFrame, metrics: pd.DataFrame, articles: pd.DataFrame, documents: pd.DataFrame, config: RegistryConfig) -> dict[str, pd.DataFrame]:
    """Build people, careers, figures and divisions (pipeline/places/divisions_view.py) over every processed article."""
    paths = dict(zip(documents.doc_id, documents.path))
    order = officials.sort_values(["date", "doc_id", "article_id", "person_start"], na_position="last", kind="stable")
    people_rows, career_rows = [], []
    for person_id, mine in order.groupby("person_id", sort=True):
        first, last = _dates(mine)
        name = mine.person.iloc[0]
        people_rows.append(
            {
                "person_id": person_id,
                "name": name,
                "context": _context(mine.iloc[0]),
                "posts": list(dict.fromkeys(mine.post)),
                "n_mentions": len(mine),
                "n_articles": mine.article_id.nunique(),
                "papers": sorted({p for p in mine.doc_id.map(lambda d: _paper(paths.get(d))) if p}),
                "first_seen": first,
                "last_seen": last,
                "article_ids": sorted(set(mine.article_id)),
            }
        )
        for post, rows in mine.groupby("post", sort=True):
            first, last = _dates(rows)
            career_rows.append(
                {
                    "person_id": person_id,
                    "name": name,
                    "post": post,
                    "post_org": rows.post_org.iloc[0],
                    "post_level": rows.post_level.iloc[0],
                    "post_role": rows.post_role.iloc[0],
                    **_agreed_place(rows),
                    "qualifiers": sorted(set(rows.qualifier.dropna())),
                    "first_seen": first,
                    "last_seen": last,
                    "n_mentions": len(rows),
                    "article_ids": sorted(set(rows.article_id)),
                }
            )
    return {
        "people": pd.DataFrame(people_rows, columns=PEOPLE.names),
        "careers": pd.DataFrame(career_rows, columns=CAREERS.names),
        "figures": _figures(metrics, articles, paths),
        "divisions": divisions_view(officials, metrics, paths),
    }


def _agreed_place(rows: pd.DataFrame) -> dict:
    """post_place, post_adcode and post_adcode_source of one person's rows with one post: the
    division they all place it in (rows without a code aside), else nulls. A place written in the
    post wins the source over one taken from an article."""
    placed = rows[rows.post_adcode.notna()]
    if placed.empty or placed.post_adcode.nunique() > 1:
        return {"post_place": None, "post_adcode": None, "post_adcode_source": None}
    source = "written" if (placed.post_adcode_source == "written").any() else "article"
    return {"post_place": placed.post_place.iloc[0], "post_adcode": placed.post_adcode.iloc[0], "post_adcode_source": source}


def _year(period: str | None, period_start, period_end, date) -> int | None:
    """figures.year: the year the figure's period ends in (去年 → last year, 截至9月底 → its year),
    else the year its period writes, else the article date's year; None without any."""
    for known in (period_end, period_start):
        if known is not None and not pd.isna(known):
            return known.year
    found = YEAR.search(period) if isinstance(period, str) else None
    if found:
        return int(found.group(1))
    return date.year if date is not None and not pd.isna(date) else None


def _figures(metrics: pd.DataFrame, articles: pd.DataFrame, paths: dict[str, str]) -> pd.DataFrame:
    titles = dict(zip(articles.article_id, articles.title))
    rows = [
        {
            "metric_id": m.metric_id,
            "metric": m.metric,
            "value_norm": m.value_norm,
            "base_unit": m.base_unit,
            "value_text": m.value_text,
            "qualifier": m.qualifier,
            "approximate": m.approximate,
            "planned": m.planned,
            "subject": m.subject,
            "period": m.period,
            "year": _year(m.period, m.period_start, m.period_end, m.date),
            "date": m.date,
            "date_source": m.date_source,
            "article_id": m.article_id,
            "doc_id": m.doc_id,
            "path": paths.get(m.doc_id),
            "title": titles.get(m.article_id),
            "evidence": m.evidence,
        }
        for m in metrics.itertuples(index=False)
    ]
    return pd.DataFrame(rows, columns=FIGURES.names)

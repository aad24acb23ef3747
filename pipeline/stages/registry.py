"""registry stage: officials + metrics across all articles → people, careers, figures, divisions.

People are keyed by name plus context: the places named in their posts (江北区政协副主席 → 江北区)
and whether they appear as journalists (bylines) or officials. Two mentions of one name merge only
when their contexts do not conflict, so 王伟 the 渝中区 deputy head and 王伟 the 江北区 reporter stay
two people. A mention whose post names no place joins the one compatible person of that name, or,
when several are compatible, the one seen in the same paper.
"""

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd

from pipeline.config import RegistryConfig
from pipeline.places.divisions_view import divisions_view
from pipeline.schemas import CAREERS, FIGURES, PEOPLE

IMPLEMENTED = True
VERSION = "1"

# A place written at the start of a post: 江北区政协 → 江北区, 重庆市体育局 → 重庆市 (bare 区委 names none).
PLACE_IN_POST = re.compile(r"^(?:中共)?([\u4e00-\u9fff]{2,8}?(?:自治区|省|市|区|县|镇|乡|街道))")
JOURNALIST_ROLES = {"记者", "特约记者", "见习记者", "通讯员", "实习生"}
YEAR = re.compile(r"((?:19|20)\d{2})年")


@dataclass
class Person:
    name: str
    places: set[str] = field(default_factory=set)
    role_class: str = "official"
    papers: set[str] = field(default_factory=set)
    rows: list[int] = field(default_factory=list)

    def accepts(self, places: set[str], role_class: str) -> bool:
        return self.role_class == role_class and (not places or not self.places or bool(places & self.places))

    @property
    def context(self) -> str:
        return "|".join([*sorted(self.places), self.role_class])

    @property
    def person_id(self) -> str:
        return "p_" + hashlib.sha1(f"{self.name}|{self.context}".encode()).hexdigest()[:12]


def _place(post: str) -> set[str]:
    found = PLACE_IN_POST.match(post) if isinstance(post, str) else None
    return {found.group(1)} if found else set()


def _paper(path: str | None) -> str:
    """The paper a page belongs to: the first folder of its path (flat inputs: one paper, '')."""
    return path.split("/", 1)[0] if path and "/" in path else ""


def _people(officials: pd.DataFrame, config: RegistryConfig) -> list[Person]:
    people: dict[str, list[Person]] = defaultdict(list)
    order = officials.sort_values(["date", "doc_id", "article_id", "person_start"], na_position="last", kind="stable")
    # Mentions with a place go first, so place-less mentions can join the right person afterwards.
    order = order.assign(_has_place=order.post.map(lambda p: bool(_place(p)))).sort_values("_has_place", ascending=False, kind="stable")
    for index, row in order.iterrows():
        places = _place(row.post)
        role_class = "journalist" if config.split_journalists and row.post_role in JOURNALIST_ROLES else "official"
        candidates = [p for p in people[row.person] if p.accepts(places, role_class)]
        if len(candidates) > 1:
            same_paper = [p for p in candidates if row._paper in p.papers]
            candidates = same_paper or candidates
        person = candidates[0] if candidates else None
        if person is None:
            person = Person(row.person, role_class=role_class)
            people[row.person].append(person)
        person.places |= places
        person.papers.add(row._paper)
        person.rows.append(index)
    return [p for group in people.values() for p in group]


def _dates(frame: pd.DataFrame) -> tuple:
    dates = frame.date.dropna()
    return (dates.min(), dates.max()) if len(dates) else (None, None)


def registry(officials: pd.DataFrame, metrics: pd.DataFrame, articles: pd.DataFrame, documents: pd.DataFrame, config: RegistryConfig) -> dict[str, pd.DataFrame]:
    """Build people, careers, figures and divisions (pipeline/places/divisions_view.py) over every processed article."""
    paths = dict(zip(documents.doc_id, documents.path))
    officials = officials.assign(_paper=officials.doc_id.map(lambda d: _paper(paths.get(d))))
    people_rows, career_rows = [], []
    for person in _people(officials, config):
        mine = officials.loc[person.rows]
        first, last = _dates(mine)
        people_rows.append(
            {
                "person_id": person.person_id,
                "name": person.name,
                "context": person.context,
                "posts": list(dict.fromkeys(mine.post)),
                "n_mentions": len(mine),
                "n_articles": mine.article_id.nunique(),
                "papers": sorted(p for p in person.papers if p),
                "first_seen": first,
                "last_seen": last,
                "article_ids": sorted(set(mine.article_id)),
            }
        )
        for post, rows in mine.groupby("post", sort=True):
            first, last = _dates(rows)
            career_rows.append(
                {
                    "person_id": person.person_id,
                    "name": person.name,
                    "post": post,
                    "post_org": rows.post_org.iloc[0],
                    "post_level": rows.post_level.iloc[0],
                    "post_role": rows.post_role.iloc[0],
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


def _year(period: str | None, date) -> int | None:
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
            "subject": m.subject,
            "period": m.period,
            "year": _year(m.period, m.date),
            "date": m.date,
            "article_id": m.article_id,
            "doc_id": m.doc_id,
            "path": paths.get(m.doc_id),
            "title": titles.get(m.article_id),
            "evidence": m.evidence,
        }
        for m in metrics.itertuples(index=False)
    ]
    return pd.DataFrame(rows, columns=FIGURES.names)

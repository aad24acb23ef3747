"""relate stage: articles + entities (+ pages for raw offsets, places for the divisions each
article names) → officials (person → post) and metrics (metric → value), each row carrying the ids
of the entities it was built from."""

import datetime as dt
import re
from functools import cached_property

import pandas as pd

from pipeline.config import RelateConfig
from pipeline.ids import BYLINE_ROLES, JOURNALIST_ROLES, person_context, person_id, span_id, written_place
from pipeline.offsets import article_span
from pipeline.places.posts import NamedDivision, metric_place, named_division, place_of_post, writes_place
from pipeline.relations.metrics import relate_metrics
from pipeline.relations.periods import normalise_period
from pipeline.relations.officials import ROLE_PREFIXES, TITLE_GAP, Mention, normalise_name, pair_officials, sentence_around
from pipeline.schemas import METRICS, OFFICIALS


def _evidence(text: str, start: int, end: int, limit: int) -> str:
    left, right = sentence_around(text, start, end)
    return re.sub(r"\s+", " ", text[left:right]).strip()[:limit]


class _Article:
    """One article's entities by span and its map from article offsets to raw offsets."""

    def __init__(self, article, entity_ids: dict[tuple[int, int, str], str], page_offsets):
        self.row, self.entity_ids, self.page_offsets = article, entity_ids, page_offsets

    def raw(self, start: int | None, end: int | None) -> tuple[int | None, int | None]:
        if start is None or end is None:
            return None, None
        return article_span(self.page_offsets, self.row.page_start, start, end)[2:]

    def entity_id(self, start: int, end: int, label: str) -> str | None:
        return self.entity_ids.get((start, end, label))

    def entity_inside(self, start: int | None, end: int | None, labels: tuple[str, ...]) -> str | None:
        """The last entity with one of `labels` lying inside [start, end) (the longest on a tie)."""
        if start is None or end is None:
            return None
        inside = [(e, -(e - s), key) for (s, e, label), key in self.entity_ids.items() if label in labels and start <= s and e <= end]
        return max(inside)[2] if inside else None

    def subject_entity(self, subject: str | None, before: int) -> str | None:
        """The last ORG/LOC entity written as `subject` (spaces aside) that ends before `before`."""
        if not subject:
            return None
        found = [(e, key) for e, key in self._subjects.get(subject, ()) if e <= before]
        return max(found)[1] if found else None

    @cached_property
    def _subjects(self) -> dict[str, list[tuple[int, str]]]:
        """The article's ORG/LOC entities as (end, entity id) by their text without spaces (built
        on the first subject looked up, once per article)."""
        subjects: dict[str, list[tuple[int, str]]] = {}
        for (s, e, label), key in self.entity_ids.items():
            if label in ("ORG", "LOC"):
                subjects.setdefault("".join(self.row.text[s:e].split()), []).append((e, key))
        return subjects


def credit_roles() -> frozenset[str]:
    """Roles of credit and byline lines (编辑, 审核, 发布 before a colon, 记者, 通讯员 …): their posts
    belong to the newsroom, never to a division. The roles of role class journalist
    (`ids.JOURNALIST_ROLES`, one reading of byline_roles.txt and credit_roles.txt)."""
    return JOURNALIST_ROLES


def _officials(article: _Article, mentions: list[Mention], divisions: list[dict], config: RelateConfig) -> list[dict]:
    """One row per (person, post) of the article: the first statement is kept as evidence
    (a byline printed at both ends of a story states the same pair twice). `divisions` = the
    article's rows of the places table (the divisions a post naming only its level is placed by)."""
    art = article.row
    rows, seen = [], set()
    places = tuple(m.text for m in mentions if m.label == "LOC")  # context for the post's place (issue 15)
    pairs = pair_officials(art.text, mentions)
    named = _named_divisions(divisions, [(p.post.start, p.post.end) for p in pairs if writes_place(re.sub(r"\s+", "", p.post.text))])
    for pair in pairs:
        if pair.parts.role in BYLINE_ROLES and not config.bylines_as_posts:
            continue
        key = (normalise_name(pair.person.text), re.sub(r"\s+", "", pair.post.text))
        if key in seen:
            continue
        seen.add(key)
        person, post = pair.person, pair.post
        credit = pair.parts.role in credit_roles()
        place = place_of_post(None if credit else key[1], pair.parts.level, places, () if credit else named)
        # person_id keeps to the place the post itself names: the article's place is a guess
        # that another article about the same person may not repeat (docs/tables.md, ids).
        context = person_context(key[1], pair.parts.role, written_place(place["post_place"], place["post_adcode_source"]))
        rows.append(
            {
                "official_id": f"{art.article_id}:{person.start}:{post.start}",
                "article_id": art.article_id,
                "doc_id": art.doc_id,
                "person_id": person_id(key[0], context),
                "person": key[0],
                "post": key[1],
                "post_org": pair.parts.org,
                **place,
                "post_role": pair.parts.role,
                "qualifier": pair.parts.qualifier,
                "from_byline": pair.parts.role in BYLINE_ROLES,
                "evidence": _evidence(art.text, min(person.start, post.start), max(person.end, post.end), config.max_evidence_chars),
                "person_entity_id": article.entity_id(person.start, person.end, "PER"),
                "post_entity_id": article.entity_id(post.start, post.end, "TITLE") or article.entity_inside(post.start, post.end, ("TITLE",)),
                "person_start": person.start,
                "person_end": person.end,
                "post_start": post.start,
                "post_end": post.end,
                **dict(zip(("person_raw_start", "person_raw_end"), article.raw(person.start, person.end))),
                **dict(zip(("post_raw_start", "post_raw_end"), article.raw(post.start, post.end))),
                "date": art.date,
                "date_source": art.date_source,
            }
        )
    place_spans = [(row["start"], row["end"]) for row in divisions]
    return _chain_places(_elliptic_places(_clause_places(rows, art.text), art.text, place_spans), art.text)


# Ends a clause: a level post after it is no longer read with the written post before it
# (某县委书记甲率团到某区考察，区委书记乙陪同: 乙 is the host's).
CLAUSE_END = re.compile(r"[，,；;。！？!?\n]")


def _clause_places(rows: list[dict], text: str) -> list[dict]:
    """Rows of one article with each post that names only its level placed like the nearest
    earlier post of the same clause that writes a place of that level (某某县委书记甲、县长乙: 乙 is
    that county's 县长, whatever the article's other counties; an unknown 某某镇 leaves 镇长 null)."""
    for row in rows:
        if row["post_adcode_source"] == "written" or not row["post_level"] or writes_place(row["post"]):
            continue
        left = max((m.end() for m in CLAUSE_END.finditer(text, 0, row["post_start"])), default=0)
        before = [r for r in rows if left <= r["post_start"] < row["post_start"] and r["post_level"] == row["post_level"] and writes_place(r["post"])]
        if before:
            own = max(before, key=lambda r: r["post_start"])
            row.update(post_place=own["post_place"], post_adcode=own["post_adcode"], post_adcode_source="article" if own["post_adcode"] else None)
    return rows


def _role_root(role: str) -> str:
    """A role without its deputy/executive/acting prefix (副主任 → 主任, 常务副主席 → 主席)."""
    return next((role[len(p) :] for p in ROLE_PREFIXES if role.startswith(p) and len(role) > len(p) + 1), role)


def _no_place_between(full: dict, row: dict, place_spans: list[tuple[int, int]]) -> bool:
    """No place is named between the full post and the elliptical one (县人大常委会主任甲主持会议，
    副主任乙: yes; 某县人大常委会主任甲带队到某区考察，副主任乙陪同: no, 乙 may be the host's)."""
    return not any(full["post_end"] <= start and end <= row["post_start"] for start, end in place_spans)


def _antecedent(row: dict, earlier: list[dict], place_spans: list[tuple[int, int]]) -> dict | None:
    """The full post an elliptical one stands for (副主任 in 县人大常委会主任甲，副主任乙、丙; 局长 in
    县教育局党组书记、局长丁): the nearest earlier placed post of the same sentence, with an
    organisation, whose role has the same root with no place named between them, or
    — the same person's — whose organisation holds the unit the role heads (局长 ← 某局)."""
    root = _role_root(row["post_role"])
    for other in reversed(earlier):
        if other["post_adcode"] is None or not other["post_org"]:
            continue
        if _role_root(other["post_role"] or "") == root and _no_place_between(other, row, place_spans):
            return other
        if other["person"] == row["person"] and len(root) == 2 and root.endswith("长") and root[0] in other["post_org"]:
            return other
    return None


def _own_full_post(row: dict, rows: list[dict]) -> dict | None:
    """The same person's placed post of the same role with its organisation, anywhere in the
    article (副主席 in a headline, 某省政协副主席 in the body)."""
    return next((r for r in rows if r["person"] == row["person"] and r["post_role"] == row["post_role"] and r["post_org"] and r["post_adcode"]), None)


def _elliptical(row: dict, credits: frozenset[str]) -> bool:
    """A bare role with no organisation, place or level (副主任, 副主席, 局长): elliptical."""
    return row["post_adcode"] is None and not row["post_org"] and not row["post_level"] and not row["post_place"] and row["post_role"] not in credits


def _elliptic_places(rows: list[dict], text: str, place_spans: list[tuple[int, int]]) -> list[dict]:
    """Rows of one article with each elliptical post placed like the full post it stands for (the
    same person's full post of that role, else `_antecedent` in the same sentence): post_place and
    post_adcode from it, source `article`."""
    credits = credit_roles()
    for row in rows:
        if not _elliptical(row, credits):
            continue
        left, _ = sentence_around(text, row["post_start"], row["post_end"])
        earlier = sorted((r for r in rows if left <= r["post_start"] < row["post_start"]), key=lambda r: r["post_start"])
        if (full := _own_full_post(row, rows) or _antecedent(row, earlier, place_spans)) is not None:
            row.update(post_place=full["post_place"], post_adcode=full["post_adcode"], post_adcode_source="article")
    return rows


def _chain_places(rows: list[dict], text: str) -> list[dict]:
    """Rows of one article with each post that names no level or place, written as the next link
    of one person's chain of posts (区委常委、统战部部长甲; 地委副书记、行署专员乙), placed like the link
    before it: the chain's later links leave out the unit the first one names. Source `article`."""
    credits = credit_roles()
    ordered = sorted(rows, key=lambda r: r["post_start"])
    for k, row in enumerate(ordered):
        if row["post_adcode"] is not None or row["post_level"] or row["post_role"] in credits or writes_place(row["post"]):
            continue
        link = next((r for r in reversed(ordered[:k]) if r["person"] == row["person"] and r["post_end"] <= row["post_start"]), None)
        if link is not None and link["post_adcode"] and TITLE_GAP.fullmatch(text[link["post_end"] : row["post_start"]]) and "、" in text[link["post_end"] : row["post_start"]]:
            row.update(post_place=link["post_place"], post_adcode=link["post_adcode"], post_adcode_source="article")
    return rows


def _named_divisions(divisions: list[dict], own_place_spans: list[tuple[int, int]]) -> tuple[NamedDivision, ...]:
    """The coded divisions of the article's places rows; `free` unless the mention lies inside a
    post that writes its own place (that place is the post's, not the article's)."""
    named = []
    for row in divisions:
        if not isinstance(row.get("adcode"), str) or not isinstance(row.get("name"), str):
            continue
        free = not any(s <= row["start"] and row["end"] <= e for s, e in own_place_spans)
        if (found := named_division(row["name"], row["adcode"], row["level"], free, row["text"])) is not None:
            named.append(found)
    return tuple(named)


def _as_date(value) -> dt.date | None:
    """An article date as datetime.date (pandas gives date, Timestamp, NaT or None)."""
    if value is None or (isinstance(value, float) and value != value) or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value if isinstance(value, dt.date) else None


def _metrics(article: _Article, mentions: list[Mention], config: RelateConfig) -> list[dict]:
    art = article.row
    rows = []
    places = [m.text for m in mentions if m.label == "LOC"]  # context for the figure's place (issue 15)
    for found in relate_metrics(art.text, mentions):
        value, figure = found.value, found.figure
        metric = found.metric  # built from parts; metric_text is the phrase span as written
        metric_text = art.text[found.metric_start : found.metric_end] if found.metric_start is not None else None
        period_start, period_end = normalise_period(found.period, _as_date(art.date))
        rows.append(
            {
                "metric_id": f"{art.article_id}:{value.start}:{value.end}",
                "article_id": art.article_id,
                "doc_id": art.doc_id,
                "value_entity_id": article.entity_id(value.start, value.end, value.label),
                "metric_entity_id": article.entity_inside(found.metric_start, found.metric_end, ("ORG", "LOC", "TITLE", "PER"))
                or article.subject_entity(found.subject, value.start),
                "metric": metric,
                "metric_text": metric_text,
                "value_text": re.sub(r"\s+", "", found.written or value.text),
                "value": figure.value,
                "unit": figure.unit,
                "value_norm": figure.value_norm,
                "value_low": figure.value_low,
                "value_high": figure.value_high,
                "base_unit": figure.base_unit,
                "value_kind": value.label,
                "approximate": figure.approximate,
                "planned": found.planned,
                "qualifier": found.qualifier,
                "period": found.period,
                "period_start": period_start,
                "period_end": period_end,
                "subject": found.subject,
                **metric_place(found.subject, metric, places),
                "evidence": _evidence(art.text, value.start, value.end, config.max_evidence_chars),
                "start": value.start,
                "end": value.end,
                "metric_start": found.metric_start,
                "metric_end": found.metric_end,
                **dict(zip(("raw_start", "raw_end"), article.raw(value.start, value.end))),
                **dict(zip(("metric_raw_start", "metric_raw_end"), article.raw(found.metric_start, found.metric_end))),
                "date": art.date,
                "date_source": art.date_source,
            }
        )
    return rows


def _mentions_by_article(entities: pd.DataFrame) -> dict[str, tuple[list[Mention], dict[tuple[int, int, str], str]]]:
    """article_id → (top-level mentions, {(start, end, label): entity_id}), in one pass over the columns."""
    grouped: dict[str, tuple[list[Mention], dict]] = {}
    if "nested_in" in entities.columns:
        entities = entities[entities["nested_in"].isna()]  # mentions inside a TITLE/ORG are not relation endpoints
    columns = (entities[c].tolist() for c in ("article_id", "start", "end", "label", "text", "entity_id"))
    for article_id, start, end, label, text, entity_id in zip(*columns):
        mentions, ids = grouped.setdefault(article_id, ([], {}))
        mentions.append(Mention(int(start), int(end), label, text))
        ids[(int(start), int(end), label)] = entity_id
    return grouped


def relate(articles: pd.DataFrame, entities: pd.DataFrame, pages: pd.DataFrame, places: pd.DataFrame, config: RelateConfig) -> dict[str, pd.DataFrame]:
    """Pair officials with posts and metrics with values, article by article; offsets index
    articles.text, raw offsets (from `pages`' offset maps) documents.raw_text; `places` (the places
    table) gives each article's divisions, which place a post that names only its level."""
    by_article = _mentions_by_article(entities)
    divisions: dict[str, list[dict]] = {}
    if len(places):
        for row in places[["article_id", "text", "start", "end", "name", "adcode", "level"]].to_dict("records"):
            divisions.setdefault(row["article_id"], []).append(row)
    page_offsets = dict(zip(pages["doc_id"], pages["offsets"])) if len(pages) else {}
    officials: list[dict] = []
    metrics: list[dict] = []
    for row in articles.itertuples(index=False):
        found = by_article.get(row.article_id)
        if found is None:
            continue
        mentions, entity_ids = found
        article = _Article(row, entity_ids, page_offsets.get(row.doc_id))
        if config.officials:
            officials += _officials(article, mentions, divisions.get(row.article_id, []), config)
        if config.metrics:
            metrics += _metrics(article, mentions, config)
    return {
        "officials": pd.DataFrame(officials, columns=OFFICIALS.names),
        "metrics": pd.DataFrame(metrics, columns=METRICS.names),
    }

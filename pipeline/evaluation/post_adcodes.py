"""post_adcode coverage and consistency on the real-news corpus (issue 14's third bar).

Scope (the bar's denominator): officials rows that are not credit or byline roles (编辑, 记者 …:
the relate stage's `credit_roles`) in articles that name a coded county-level-or-higher division
— a row of the same run's places table with level province/city/county and an adcode — or whose
post itself names one (江津区政协主席). `coverage` = share of those rows with post_adcode filled.

Consistency, so that filling is not rewarded blindly: a filled post_adcode is `consistent` when it
equals one of the article's reference division codes or is an ancestor or descendant of one (the
article about a county: its 市委书记 takes the county's city). The reference codes are the gold
adcodes of the article's places (data/eval/places_adcodes.tsv, dev only) when the gold file holds
the article, else the divisions named by the record's `region` field (source metadata, not the
text: train has no gold adcodes). `reference` says how many rows were checked against which.

Coverage is also split by whether the post states a level (post_level: 县委书记, 区领导, 副县长)
or not (董事长, 主任 of an unnamed body): the second kind has nothing in the post to place it by
(only an elliptical post's full form can). Consistency is counted per post_adcode_source, and the
posts with a level but no code by why (`_why_unfilled`).

Shapes: `post_adcode_scores(tables, articles, gold)` with tables {'documents', 'officials',
'places'} (pandas frames of one difang output), articles the corpus records, gold
{(article id, place): adcode}; returns a dict of counts and shares (see the function).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd

COUNTY_OR_HIGHER = ("province", "city", "county")
# Levels of post_level that say nothing about a local division: the post is central.
CENTRAL_LEVELS = ("中央", "全国")


def _code_family(adcode: str) -> set[str]:
    """The adcode with the codes of its ancestors (province, city), from the divisions table."""
    from pipeline.places.gazetteer import gazetteer

    g = gazetteer()
    index = g.by_code.get(adcode)
    if index is None:
        return {adcode}
    return {code for i in g.chain(index) if (code := g.items[i].adcode)}


def consistent(adcode: str, reference: set[str]) -> bool:
    """`adcode` is one of the `reference` codes, or an ancestor or a descendant of one."""
    mine = _code_family(adcode)
    return any(adcode in _code_family(ref) or ref in mine for ref in reference)


def region_codes(region: str | None) -> set[str]:
    """Adcodes of the divisions a record's `region` field names (`陕西 安康市紫阳县` → 610924 and
    its chain's linked names), linked together as in the places table; empty when none."""
    from pipeline.places.link import describe, link_article
    from pipeline.places.scan import automaton, kind_of

    if not isinstance(region, str) or not region:
        return set()
    text = region.replace(" ", "")
    names = [text[end - length + 1 : end + 1] for end, length in automaton().iter_long(text) if kind_of(text[end - length + 1 : end + 1])]
    return {row["adcode"] for link in link_article(names) if (row := describe(link))["adcode"]}


def _post_names_division(post: str) -> bool:
    from pipeline.places.link import describe, link_article
    from pipeline.places.posts import post_prefix

    name = post_prefix(post) if isinstance(post, str) else None
    if name is None:
        return False
    row = describe(link_article([name])[-1])
    return bool(row["adcode"]) and row["level"] in COUNTY_OR_HIGHER


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def post_adcode_scores(tables: dict[str, pd.DataFrame], articles: list[dict], gold: dict[tuple[str, str], str]) -> dict | None:
    """{'scope', 'filled', 'coverage', 'with_level': {...}, 'without_level': {...}, 'checked',
    'consistent', 'consistency', 'reference': {'gold': n, 'region': n}, 'central'}; None when the
    output has no officials table."""
    officials, places, documents = (tables.get(k, pd.DataFrame()) for k in ("officials", "places", "documents"))
    if officials.empty or documents.empty or "post_adcode" not in officials.columns:
        return None
    id_of = {d: Path(str(p)).stem for d, p in zip(documents.doc_id, documents.path)}
    named: set[str] = set()
    if not places.empty:
        coded = places[places["level"].isin(COUNTY_OR_HIGHER) & places["adcode"].notna()]
        named = {id_of.get(d) for d in coded["doc_id"]}
    record = {a["id"]: a for a in articles}
    references: dict[str, tuple[str, set[str]]] = {}
    for article_id in record:
        codes = {code for (a, _), code in gold.items() if a == article_id}
        references[article_id] = ("gold", codes) if codes else ("region", region_codes(record[article_id].get("region")))
    from pipeline.stages.relate import credit_roles

    credit = credit_roles()
    by_source: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    unfilled: Counter = Counter()
    bare: Counter = Counter()  # posts without a level: a bare role (副主任, 董事长) or an organisation without level word
    places_of: dict[str, list[dict]] = {}
    if not places.empty:
        for place in places.to_dict("records"):
            places_of.setdefault(id_of.get(place["doc_id"]), []).append(place)
    counts = {"scope": 0, "filled": 0, "with_level": [0, 0], "without_level": [0, 0], "central": 0, "checked": 0, "consistent": 0, "gold": 0, "region": 0}
    for row in officials.itertuples(index=False):
        article_id = id_of.get(row.doc_id)
        if article_id not in record or row.post_role in credit or row.from_byline:
            continue
        if article_id not in named and not _post_names_division(row.post):
            continue
        filled = isinstance(row.post_adcode, str) and bool(row.post_adcode)
        counts["scope"] += 1
        counts["filled"] += filled
        kind = "with_level" if isinstance(row.post_level, str) and row.post_level else "without_level"
        counts[kind][0] += 1
        counts[kind][1] += filled
        if kind == "without_level":
            bare[("bare role" if not isinstance(row.post_org, str) or not row.post_org else "organisation without level") + (" (filled)" if filled else "")] += 1
        counts["central"] += row.post_level in CENTRAL_LEVELS
        source, reference = references[article_id]
        if filled and reference:
            counts["checked"] += 1
            counts[source] += 1
            ok = consistent(row.post_adcode, reference)
            counts["consistent"] += ok
            by_source[row.post_adcode_source][0] += 1
            by_source[row.post_adcode_source][1] += ok
        elif not filled and kind == "with_level":
            unfilled[_why_unfilled(row, places_of.get(article_id, []))] += 1
    return {
        "scope": counts["scope"],
        "filled": counts["filled"],
        "coverage": _share(counts["filled"], counts["scope"]),
        **{kind: {"scope": n, "filled": f, "coverage": _share(f, n)} for kind in ("with_level", "without_level") for n, f in [counts[kind]]},
        "central": counts["central"],
        "checked": counts["checked"],
        "consistent": counts["consistent"],
        "consistency": _share(counts["consistent"], counts["checked"]),
        "reference": {"gold": counts["gold"], "region": counts["region"]},
        "consistent_by_source": {source: {"checked": n, "consistent": ok} for source, (n, ok) in sorted(by_source.items())},
        "unfilled_with_level": dict(unfilled.most_common()),
        "without_level_kinds": dict(bare.most_common()),
    }


def _why_unfilled(row, places: list[dict]) -> str:
    """Why a post with a level got no code: `central`, `own place` (it writes a place that does not
    link), or how many coded divisions of its level the article names (`none named`, `one named`,
    `several named`; `ambiguous named` when none is coded but one of that level is named and
    ambiguous, 龙华区 without its city), with the level word."""
    from pipeline.places.posts import LEVEL_DIVISIONS, writes_place

    if row.post_level in CENTRAL_LEVELS:
        return "central"
    if writes_place(row.post):
        return "own place"
    levels, endings = LEVEL_DIVISIONS.get(row.post_level, ((), ()))
    named = {(p["adcode"], p["name"]) for p in places if isinstance(p["adcode"], str) and p["level"] in levels and str(p["name"]).endswith(endings)}
    ambiguous = any(p["resolution"] == "ambiguous" and p["level"] in levels and str(p["text"]).endswith(endings) for p in places)
    count = ("ambiguous named" if ambiguous else "none named") if not named else "one named" if len(named) == 1 else "several named"
    return f"{count} ({row.post_level})"


def describe(scores: dict) -> str:
    """One line for the eval output."""
    w, wo = scores["with_level"], scores["without_level"]
    sources = ", ".join(f"{k} {v['consistent']}/{v['checked']}" for k, v in scores["consistent_by_source"].items())
    unfilled = ", ".join(f"{k} {n}" for k, n in scores["unfilled_with_level"].items()) or "none"
    kinds = ", ".join(f"{k} {n}" for k, n in scores["without_level_kinds"].items()) or "none"
    return (
        f"post_adcode filled for {scores['filled']} of {scores['scope']} non-credit posts in articles naming a coded county-or-higher division "
        f"({scores['coverage']:.3f}; with a level word {w['filled']}/{w['scope']}, without {wo['filled']}/{wo['scope']}; central {scores['central']}); "
        f"consistent with the article's divisions {scores['consistent']} of {scores['checked']} checked ({scores['consistency']:.3f}; "
        f"against gold adcodes {scores['reference']['gold']}, against the record's region {scores['reference']['region']}; by source {sources}); "
        f"with a level but no code: {unfilled}; without a level: {kinds}"
    )

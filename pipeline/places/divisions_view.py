"""The registry's `divisions` view: per administrative division code, who holds posts there and
which figures are reported there, with their sources (issue 15).

Built from the codes the relate stage gives each row: `officials.post_adcode` (the division the post
names: 江津区 of 中共江津区委书记) and `metrics.metric_adcode` (the division a figure is about, when
the text names one). A township's post or figure counts under its county's code (the code jionlp
gives townships), so `某某镇党委书记` is one of that county's officials. Rows without a code (no
place named, or an ambiguous one) are in no division.
"""

from __future__ import annotations

import pandas as pd

from pipeline.schemas import DIVISIONS


def _division(adcode: str) -> dict:
    """name / level / province / city of the division with this code (nulls when the table has none)."""
    from pipeline.places.gazetteer import gazetteer

    g = gazetteer()
    index = g.by_code.get(adcode)
    if index is None:
        return {"name": None, "level": None, "province": None, "city": None}
    names = g.names(index)
    return {"name": g.items[index].name, "level": g.items[index].level, "province": names["province"], "city": names["city"]}


def _coded(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """The rows with a code in `column`; none when the table lacks the column (a run written before it)."""
    if column not in frame.columns or frame.empty:
        return frame.iloc[0:0].assign(**{column: pd.Series(dtype=object)})
    return frame[frame[column].notna()]


def divisions_view(officials: pd.DataFrame, metrics: pd.DataFrame, paths: dict[str, str]) -> pd.DataFrame:
    """One row per adcode seen in officials.post_adcode or metrics.metric_adcode (schema DIVISIONS)."""
    posts = _coded(officials, "post_adcode")
    posts = posts.sort_values(["date", "doc_id", "article_id"], na_position="last", kind="stable") if len(posts) else posts
    figures = _coded(metrics, "metric_adcode")
    rows = []
    for adcode in sorted(set(posts["post_adcode"]) | set(figures["metric_adcode"])):
        mine = posts[posts["post_adcode"] == adcode]
        reported = figures[figures["metric_adcode"] == adcode]
        people = mine["person_id"] if "person_id" in mine.columns else mine["person"]
        dates = [d for d in [*mine["date"], *reported["date"]] if d is not None and not pd.isna(d)]
        article_ids = sorted(set(mine["article_id"]) | set(reported["article_id"]))
        doc_ids = list(dict.fromkeys([*mine["doc_id"], *reported["doc_id"]]))
        rows.append(
            {
                "adcode": adcode,
                **_division(adcode),
                "n_people": people.nunique(),
                "officials": list(dict.fromkeys(f"{p} {q}" for p, q in zip(mine["person"], mine["post"]))),
                "person_ids": list(dict.fromkeys(people)),
                "n_figures": len(reported),
                "figures": [f"{m if isinstance(m, str) else ''} {v}".strip() for m, v in zip(reported["metric"], reported["value_text"])],
                "metric_ids": list(reported["metric_id"]),
                "article_ids": article_ids,
                "paths": sorted({paths[d] for d in doc_ids if d in paths}),
                "first_seen": min(dates) if dates else None,
                "last_seen": max(dates) if dates else None,
            }
        )
    return pd.DataFrame(rows, columns=DIVISIONS.names)

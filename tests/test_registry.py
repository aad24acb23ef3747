"""registry stage: people, careers and figures across articles."""

import datetime as dt

import pandas as pd

from pipeline.ids import person_context, person_id
from pipeline.schemas import ARTICLES, DOCUMENTS, METRICS, OFFICIALS
from pipeline.stages.registry import RegistryConfig, registry
from pipeline.relations.officials import decompose_post


def officials(*rows: tuple[str, str, str, str | None]) -> pd.DataFrame:
    """rows of (doc_id, person, post, iso date), with person_id as the relate stage gives it."""
    records = []
    for i, (doc, person, post, date) in enumerate(rows):
        parts = decompose_post(post)
        record = dict.fromkeys(OFFICIALS.names)
        record.update(
            official_id=f"{doc}:0:{i}:0", article_id=f"{doc}:0", doc_id=doc, person=person, post=post, post_org=parts.org,
            post_level=parts.level, post_role=parts.role, qualifier=parts.qualifier, person_start=i, post_start=0,
            date=dt.date.fromisoformat(date) if date else None,
            person_id=person_id(person, person_context(post, parts.role, None)),
        )
        records.append(record)
    return pd.DataFrame(records, columns=OFFICIALS.names)


def documents(*docs: tuple[str, str]) -> pd.DataFrame:
    rows = []
    for doc, path in docs:
        row = dict.fromkeys(DOCUMENTS.names)
        row.update(doc_id=doc, path=path, status="ok")
        rows.append(row)
    return pd.DataFrame(rows, columns=DOCUMENTS.names)


def build(frame: pd.DataFrame, docs: pd.DataFrame, metrics: pd.DataFrame | None = None):
    metrics = METRICS.empty_table().to_pandas() if metrics is None else metrics
    return registry(frame, metrics, ARTICLES.empty_table().to_pandas(), docs, RegistryConfig())


def test_posts_merge_into_one_career_with_first_and_last_seen():
    frame = officials(("a", "覃立言", "区委常委", "2023-07-20"), ("a", "覃立言", "统战部部长", "2023-07-20"), ("b", "覃立言", "统战部部长", "2023-12-01"))
    out = build(frame, documents(("a", "p/a.txt"), ("b", "p/b.txt")))
    people, careers = out["people"], out["careers"]
    assert len(people) == 1 and people.iloc[0].n_mentions == 3 and people.iloc[0].n_articles == 2
    assert list(people.iloc[0].posts) == ["区委常委", "统战部部长"] and list(people.iloc[0].papers) == ["p"]
    row = careers.set_index("post").loc["统战部部长"]
    assert (row.first_seen, row.last_seen, row.n_mentions) == (dt.date(2023, 7, 20), dt.date(2023, 12, 1), 2)


def test_a_career_carries_the_place_its_rows_agree_on():
    frame = officials(("a", "覃立言", "统战部部长", "2023-07-20"), ("b", "覃立言", "统战部部长", "2023-12-01"), ("c", "覃立言", "区委常委", None))
    frame["post_place"] = ["云溪区", None, "云溪区"]
    frame["post_adcode"] = ["999001", None, "999001"]
    frame["post_adcode_source"] = ["article", None, "written"]
    careers = build(frame, documents(("a", "a.txt"), ("b", "b.txt"), ("c", "c.txt")))["careers"].set_index("post")
    assert careers.loc["统战部部长", ["post_place", "post_adcode", "post_adcode_source"]].tolist() == ["云溪区", "999001", "article"]
    assert careers.loc["区委常委", "post_adcode_source"] == "written"


def test_a_career_placed_in_two_divisions_has_no_place():
    frame = officials(("a", "覃立言", "副区长", None), ("b", "覃立言", "副区长", None))
    frame["post_place"], frame["post_adcode"], frame["post_adcode_source"] = ["云溪区", "江岸区"], ["999001", "999002"], ["article", "article"]
    row = build(frame, documents(("a", "a.txt"), ("b", "b.txt")))["careers"].iloc[0]
    assert row.post_place is None and row.post_adcode is None and row.post_adcode_source is None


def test_same_name_in_different_places_stays_two_people():
    frame = officials(("a", "王伟", "渝中区副区长", None), ("b", "王伟", "江北区政协副主席", None))
    people = build(frame, documents(("a", "yz/a.txt"), ("b", "jb/b.txt")))["people"]
    assert len(people) == 2 and people.person_id.nunique() == 2


def test_a_reporter_is_not_merged_with_an_official_of_the_same_name():
    frame = officials(("a", "王伟", "记者", None), ("b", "王伟", "副区长", None))
    people = build(frame, documents(("a", "x/a.txt"), ("b", "x/b.txt")))["people"]
    assert sorted(people.context) == ["journalist", "official"]


def test_editors_and_reviewers_of_credit_lines_are_staff_like_reporters():
    frame = officials(("a", "葛知远", "记者", None), ("b", "葛知远", "编辑", None), ("c", "葛知远", "审核", None))
    people = build(frame, documents(("a", "x/a.txt"), ("b", "x/b.txt"), ("c", "x/c.txt")))["people"]
    assert len(people) == 1 and people.iloc[0].context == "journalist" and people.iloc[0].n_mentions == 3


def test_a_placeless_post_is_its_own_person_so_later_documents_cannot_change_its_id():
    frame = officials(("a", "王伟", "渝中区副区长", None), ("b", "王伟", "江北区副区长", None), ("c", "王伟", "副区长", None))
    people = build(frame, documents(("a", "yz/a.txt"), ("b", "jb/b.txt"), ("c", "jb/c.txt")))["people"].set_index("context")
    assert set(people.index) == {"official", "渝中区|official", "江北区|official"}
    assert people.loc["江北区|official"].n_mentions == 1 and list(people.loc["official"].papers) == ["jb"]


def test_person_ids_are_stable_across_runs_and_added_documents():
    first = officials(("a", "覃立言", "区委常委", None), ("a", "王伟", "副区长", "2023-01-05"))
    docs = documents(("a", "a.txt"), ("b", "b.txt"))
    before = build(first, docs)["people"]
    assert before.person_id.tolist() == build(first.copy(), docs)["people"].person_id.tolist()
    # More documents: the same people (an earlier date, a placed namesake) and new ones.
    added = officials(("b", "王伟", "江北区副区长", "2022-12-01"), ("b", "覃立言", "区委常委", "2022-06-01"), ("b", "周启明", "区长", None))
    after = build(pd.concat([added, first], ignore_index=True), docs)["people"].set_index("person_id")
    assert set(before.person_id) <= set(after.index)
    assert after.loc[before.set_index("name").person_id["覃立言"]].n_mentions == 2


def test_figures_carry_year_and_source():
    metric = dict.fromkeys(METRICS.names)
    metric.update(metric_id="a:0:1:2", article_id="a:0", doc_id="a", metric="外贸进出口", value_norm=8.5e8, base_unit="美元", period="2023年上半年", approximate=False)
    out = build(officials(), documents(("a", "p/a.txt")), pd.DataFrame([metric], columns=METRICS.names))
    figure = out["figures"].iloc[0]
    assert (figure.year, figure.path, figure.metric) == (2023, "p/a.txt", "外贸进出口")


def test_divisions_view_gathers_officials_and_figures_per_code():
    frame = officials(("a", "覃立言", "中共江津区委书记", "2023-07-20"), ("b", "孙梦", "江津区副区长", "2023-12-01"), ("b", "范国明", "区委常委", None))
    frame["post_place"] = ["江津区", "江津区", None]
    frame["post_adcode"] = ["500116", "500116", None]
    metrics = METRICS.empty_table().to_pandas()
    figure = dict.fromkeys(METRICS.names)
    figure.update(metric_id="b:0:5:9", article_id="b:0", doc_id="b", metric="地区生产总值", value_text="1200亿元", date=dt.date(2023, 12, 1))
    metrics = pd.DataFrame([figure], columns=METRICS.names)
    metrics["metric_adcode"] = ["500116"]
    view = build(frame, documents(("a", "p/a.txt"), ("b", "p/b.txt")), metrics)["divisions"]
    assert len(view) == 1  # the post naming no place is in no division
    row = view.iloc[0]
    assert (row.adcode, row["name"], row.level, row.province, row.n_people, row.n_figures) == ("500116", "江津区", "county", "重庆市", 2, 1)
    assert list(row.officials) == ["覃立言 中共江津区委书记", "孙梦 江津区副区长"] and list(row.figures) == ["地区生产总值 1200亿元"]
    assert list(row.article_ids) == ["a:0", "b:0"] and list(row.paths) == ["p/a.txt", "p/b.txt"]
    assert (row.first_seen, row.last_seen) == (dt.date(2023, 7, 20), dt.date(2023, 12, 1))
    assert build(frame.iloc[:0], documents())["divisions"].empty


def test_a_figure_is_of_the_year_its_period_ends_in():
    from pipeline.stages.registry import _year

    article = dt.date(2025, 3, 6)
    assert _year("去年", dt.date(2024, 1, 1), dt.date(2024, 12, 31), article) == 2024  # not the article's year
    assert _year("截至2月底", None, dt.date(2025, 2, 28), article) == 2025
    assert _year("2023年", None, None, article) == 2023  # written, not read against a date
    assert _year(None, None, None, article) == 2025
    assert _year(None, None, None, None) is None

"""One id scheme (pipeline/ids.py): every table joins on ids alone, with no orphans and no multiplied
rows, on data/sample and on a grown corpus (a duplicate file, same-name people); adding documents
leaves every existing person_id unchanged. Also on those runs: honest types and entity provenance."""

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.ids import content_doc_id, copy_doc_id, person_context, person_id

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "sample"
# An invented page for the second batch: namesakes of sample people in other places and roles, and
# a sample official again (周启明, 区长, with no place: the same person as in the sample).
SECOND_BATCH = """青枫镇召开乡村振兴工作推进会

本报讯（记者 范青）9月3日，青枫镇召开乡村振兴工作推进会。青枫镇镇长孙若兰主持会议，区委副书记、区长周启明出席并讲话。

会议指出，今年以来全镇新建高标准农田1.2万亩，村集体经济收入同比增长8.5%。
"""
# Row id of each table: unique per row.
ROW_IDS = {
    "documents": ["doc_id"],
    "articles": ["article_id"],
    "entities": ["entity_id"],
    "officials": ["official_id"],
    "metrics": ["metric_id"],
    "people": ["person_id"],
    "careers": ["person_id", "post"],
    "places": ["place_id"],
}
# (table, column) → (table, column) it points at; nulls allowed, every non-null value must exist.
FOREIGN_KEYS = [
    (("officials", "person_id"), ("people", "person_id")),
    (("careers", "person_id"), ("people", "person_id")),
    (("officials", "person_entity_id"), ("entities", "entity_id")),
    (("officials", "post_entity_id"), ("entities", "entity_id")),
    (("metrics", "value_entity_id"), ("entities", "entity_id")),
    (("metrics", "metric_entity_id"), ("entities", "entity_id")),
    (("entities", "nested_in"), ("entities", "entity_id")),
    (("entities", "article_id"), ("articles", "article_id")),
    (("officials", "article_id"), ("articles", "article_id")),
    (("metrics", "article_id"), ("articles", "article_id")),
    (("articles", "doc_id"), ("documents", "doc_id")),
    (("documents", "duplicate_of"), ("documents", "doc_id")),
]


def extract(source: Path, output: Path) -> Path:
    subprocess.run([sys.executable, "-m", "pipeline", "extract", "--input", str(source), "--output", str(output), "--quiet"], cwd=REPO, check=True)
    return output


@pytest.fixture(scope="module")
def runs(tmp_path_factory, sample_run) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("ids")
    grown = root / "grown"
    shutil.copytree(SAMPLE, grown)
    shutil.copy(SAMPLE / "02_tonglin_hardwrap.txt", grown / "06_copy_of_02.txt")  # a duplicate file
    (grown / "05_20230904_qingfeng.txt").write_text(SECOND_BATCH, encoding="utf-8")
    return {"sample": sample_run, "grown": extract(grown, root / "out_grown")}


def tables(out: Path) -> dict[str, pd.DataFrame]:
    return {name: pd.read_parquet(out / name) for name in {*ROW_IDS, "officials", "metrics", "entities"}}


@pytest.mark.parametrize("run", ["sample", "grown"])
def test_row_ids_are_unique_and_every_key_joins(runs, run):
    data = tables(runs[run])
    for name, key in ROW_IDS.items():
        assert len(data[name]) and not data[name].duplicated(key).any(), f"{name}: {key} not unique"
        assert data[name][key].notna().all().all(), f"{name}: null {key}"
    for (table, column), (target, target_column) in FOREIGN_KEYS:
        values = data[table][column].dropna()
        orphans = set(values) - set(data[target][target_column])
        assert not orphans, f"{table}.{column} → {target}.{target_column}: {sorted(orphans)[:3]}"


@pytest.mark.parametrize("run", ["sample", "grown"])
def test_joins_on_ids_alone_neither_lose_nor_multiply_rows(runs, run):
    data = tables(runs[run])
    officials, people, careers = data["officials"], data["people"], data["careers"]
    chain = officials.merge(people, on="person_id", how="inner", suffixes=("", "_person"))
    chain = chain.merge(careers, on=["person_id", "post"], how="inner", suffixes=("", "_career"))
    assert len(chain) == len(officials) and (chain.person == chain.name).all()
    assert officials.person_entity_id.notna().all()
    # A post without post_entity_id (影院经理, read by the relation rules) holds no TITLE entity.
    titles = data["entities"][data["entities"].label == "TITLE"]
    for row in officials[officials.post_entity_id.isna()].itertuples():
        mine = titles[titles.article_id == row.article_id]
        assert not ((mine.start >= row.post_start) & (mine.end <= row.post_end)).any(), row.post
    metrics = data["metrics"].merge(data["entities"], left_on="value_entity_id", right_on="entity_id", suffixes=("", "_entity"))
    assert len(metrics) == len(data["metrics"]) and (metrics.value_kind == metrics.label).all()
    about = data["metrics"].merge(data["entities"], left_on="metric_entity_id", right_on="entity_id", suffixes=("", "_entity"))
    assert len(about) == data["metrics"].metric_entity_id.notna().sum() > 0  # 青枫镇 of its loans, …
    entities = data["entities"].merge(data["articles"], on="article_id", suffixes=("", "_article"))
    entities = entities.merge(data["documents"], left_on="doc_id", right_on="doc_id", suffixes=("", "_doc"))
    assert len(entities) == len(data["entities"])
    # The offsets say which text they index: each entity read back from the article and the raw page.
    for row in entities.itertuples():
        assert row.text_article[row.start : row.end] == row.text
        # The raw span may hold what cleaning removed (a caption, a wrap), never less.
        assert (row.raw_text[row.raw_start], row.raw_text[row.raw_end - 1]) == (row.text[0], row.text[-1])


def test_a_duplicate_file_gets_its_own_id_and_points_at_the_original(runs):
    documents = pd.read_parquet(runs["grown"] / "documents").set_index("path")
    copy, original = documents.loc["06_copy_of_02.txt"], documents.loc["02_tonglin_hardwrap.txt"]
    assert copy.status == "skipped" and copy.duplicate_of == original.doc_id != copy.doc_id
    assert original.doc_id == original.sha256[:16] and copy.sha256 == original.sha256


def test_same_name_people_in_different_places_have_different_ids(runs):
    people = pd.read_parquet(runs["grown"] / "people")
    same_name = people[people.name.isin(["陈建华", "孙若兰"])].groupby("name").person_id.nunique()
    assert same_name.to_dict() == {"孙若兰": 2, "陈建华": 2}


def test_adding_documents_keeps_every_existing_person_id(runs):
    before = pd.read_parquet(runs["sample"] / "officials")
    after = pd.read_parquet(runs["grown"] / "officials")
    assert set(before.person_id) <= set(after.person_id)
    kept = before.merge(after, on="official_id", suffixes=("", "_after"))
    assert len(kept) == len(before) and (kept.person_id == kept.person_id_after).all()
    people_before = pd.read_parquet(runs["sample"] / "people").set_index("person_id")
    people_after = pd.read_parquet(runs["grown"] / "people").set_index("person_id")
    assert set(people_before.index) <= set(people_after.index)
    # 周启明 of the second batch (区长, no place) is the sample's 周启明: one id, more mentions.
    zhou = people_before.index[people_before.name == "周启明"][0]
    assert people_after.loc[zhou].n_mentions > people_before.loc[zhou].n_mentions


def test_id_functions():
    assert content_doc_id(b"x") != copy_doc_id(content_doc_id(b"x"), "a.txt") != copy_doc_id(content_doc_id(b"x"), "b.txt")
    assert person_context("江北区政协副主席", "副主席", None) == "江北区|official"
    assert person_context("副主席", "副主席", "江北区") == "江北区|official"  # the linked place of a short form
    assert person_context("记者", "记者", None) == "journalist"
    assert person_id("王伟", "official") != person_id("王伟", "journalist")


def test_types_are_honest_in_pandas_duckdb_and_polars(runs):
    import duckdb
    import polars as pl

    metrics = pd.read_parquet(runs["grown"] / "metrics")
    for column in ("start", "metric_start", "metric_raw_start"):
        assert str(metrics[column].dtype) == "Int32", column  # a row without a metric phrase stays int
    assert str(metrics.approximate.dtype) == "boolean"
    assert metrics.loc[metrics.value_text == "5.1亿元", "value_norm"].tolist() == [510_000_000.0]
    glob = str(runs["grown"] / "officials" / "*.parquet")
    types = dict(duckdb.sql(f"describe select date, person_start from '{glob}'").fetchall()[i][:2] for i in range(2))
    assert types == {"date": "DATE", "person_start": "INTEGER"}
    assert pl.read_parquet(glob).schema["date"] == pl.Date


def test_entities_say_which_layer_found_them_and_how_sure_it_was(runs):
    entities = pd.read_parquet(runs["grown"] / "entities")
    assert set(entities.source) <= {"crf", "rule", "rule+crf", "nested"}
    assert not entities[entities.label.isin(["DATE", "MONEY", "PERCENT", "QUANTITY", "TITLE"])].source.str.contains("crf").any()
    model = entities[entities.source.str.contains("crf")]
    assert len(model) and model.score.notna().mean() > 0.8 and model.score.dropna().between(0, 1).all()
    assert model.score.min() < 1.0  # marginals, not a constant
    assert (entities[entities.source == "rule"].score == 1.0).all() and entities[entities.source == "nested"].score.isna().all()


@settings(max_examples=40)
@given(st.lists(st.tuples(st.sampled_from(["a", "b/c", "d", "e/f/g", "h"]), st.sampled_from([b"", b"\xe4\xb8\x80", "某某".encode(), b"x.docx"])), max_size=8))
def test_doc_ids_are_unique_whatever_the_files(files):
    from pipeline.config import IngestConfig
    from pipeline.stages.ingest import InputFile, ingest

    named = [InputFile(f"{k}_{folder}.txt" if data != b"x.docx" else f"{k}.docx", data or None, None if data else "unreadable") for k, (folder, data) in enumerate(files)]
    documents = ingest(named, IngestConfig())
    assert documents.doc_id.notna().all() and documents.doc_id.is_unique
    ok = set(documents.loc[documents.status == "ok", "doc_id"])
    assert set(documents.duplicate_of.dropna()) <= ok
